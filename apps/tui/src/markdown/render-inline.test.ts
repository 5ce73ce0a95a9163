import { describe, expect, test } from 'vitest';
import { renderInline, type Styler } from './render-inline.js';

/** Styles as tags, so a test reads what was styled how. */
const tags: Styler = (name, text) => `<${name}>${text}</${name}>`;
const render = (text: string) => renderInline(text, tags);

describe('renderInline', () => {
  test('bold, italic and both, with * and _', () => {
    expect(render('a **bold** and __strong__ word')).toBe(
      'a <bold>bold</bold> and <bold>strong</bold> word',
    );
    expect(render('an *italic* and _emphasised_ one')).toBe(
      'an <italic>italic</italic> and <italic>emphasised</italic> one',
    );
    // As CommonMark has it: the inner pair is the strong one.
    expect(render('***both***')).toBe('<italic><bold>both</bold></italic>');
    expect(render('*outer **inner** outer*')).toBe(
      '<italic>outer <bold>inner</bold> outer</italic>',
    );
  });

  test('snake_case words, arithmetic and lone delimiters stay as they are', () => {
    for (const text of [
      'call snake_case_name and my_var_2',
      '2 * 3 * 4 = 24',
      'a * b',
      '** not bold **',
      'an unclosed *star',
      '`unclosed code',
    ]) {
      expect(render(text), text).toBe(text);
    }
    expect(render('file_name.ts and __init__')).toBe('file_name.ts and <bold>init</bold>');
  });

  test('inline code is styled and its contents kept literally', () => {
    expect(render('run `pnpm **build**` now')).toBe('run <code>pnpm **build**</code> now');
    expect(render('``a ` b`` and ` x `')).toBe('<code>a ` b</code> and <code>x</code>');
    expect(render('*see `a*b`*')).toBe('<italic>see <code>a*b</code></italic>');
  });

  test('links show their text and a dim url; a bare url once', () => {
    expect(render('see [the docs](https://example.com/docs "Docs") here')).toBe(
      'see <link>the docs</link> <dim>(https://example.com/docs)</dim> here',
    );
    expect(render('[https://a.example](https://a.example)')).toBe('<link>https://a.example</link>');
    expect(render('[**bold** link](u)')).toBe('<link><bold>bold</bold> link</link> <dim>(u)</dim>');
    expect(render('not [a link] (x) and [unclosed](')).toBe('not [a link] (x) and [unclosed](');
  });

  test('backslash escapes make delimiters literal', () => {
    expect(render('\\*not italic\\* and \\`x\\`')).toBe('*not italic* and `x`');
  });

  test('a long line of unmatched delimiters renders in time proportional to it, without deep recursion', () => {
    // A delimiter stack, not a search per opener: quadratic work or one stack frame per
    // delimiter would take seconds or overflow here.
    const started = performance.now();
    expect(render(`\`${' '.repeat(20_000)}\``)).toBe(`<code>${' '.repeat(20_000)}</code>`);
    for (const unit of ['*a ', '_a ', '`a ', '*a **b ', '[a', '*_']) {
      const text = unit.repeat(20_000);
      expect(render(text).length).toBeGreaterThanOrEqual(text.length / 2);
    }
    expect(performance.now() - started).toBeLessThan(5_000);
    const nested = `${'*_'.repeat(5_000)}x${'_*'.repeat(5_000)}`;
    expect(render(nested)).toContain('x');
  });
});
