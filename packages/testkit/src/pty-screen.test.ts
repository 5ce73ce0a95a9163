import { afterEach, expect, test } from 'vitest';
import { PtyScreen } from './pty-screen.js';

const screens: PtyScreen[] = [];
afterEach(() => {
  for (const screen of screens.splice(0)) screen.kill();
});

/** Runs `script` with node on a small pty. */
function run(script: string, size = { cols: 20, rows: 5 }): PtyScreen {
  const screen = new PtyScreen({
    file: process.execPath,
    args: ['-e', script],
    env: { PATH: process.env.PATH ?? '', TERM: 'xterm-256color' },
    ...size,
  });
  screens.push(screen);
  return screen;
}

test('view shows what a person sees: erased text is gone, the cursor is where it was left', async () => {
  const screen = run(
    `process.stdout.write('first draft\\r\\u001b[2Kfinal\\r\\nsecond row\\u001b[1A\\r\\u001b[3C'); setTimeout(() => {}, 300)`,
  );
  await screen.waitFor('second row');
  const view = await screen.view();
  // The raw text still has both; the screen only the result.
  expect(screen.text).toContain('first draft');
  expect(view.rows.slice(0, 3)).toEqual(['final', 'second row', '']);
  expect(view.cursor).toEqual({ row: 0, column: 3 });
  expect(view.scrolledOff).toBe(0);
});

test('view counts rows scrolled off the top and replays a resize where it happened', async () => {
  const screen = run(
    `for (let i = 1; i <= 7; i++) process.stdout.write('line ' + i + '\\r\\n');
     process.stdin.once('data', () => { process.stdout.write('a'.repeat(15) + '!'); setTimeout(() => process.exit(0), 200); });`,
  );
  await screen.waitFor('line 7');
  const before = await screen.view();
  expect(before.rows).toEqual(['line 4', 'line 5', 'line 6', 'line 7', '']);
  expect(before.scrolledOff).toBe(3);
  screen.resize(10, 5);
  screen.write('x\r');
  await screen.waitFor('!');
  const after = await screen.view();
  // 16 characters on a 10-column terminal wrap onto two rows.
  expect(after.rows.slice(-2)).toEqual(['aaaaaaaaaa', 'aaaaa!']);
  await screen.exit();
});
