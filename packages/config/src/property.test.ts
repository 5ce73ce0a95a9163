import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseConfig } from './parse-config.js';

// Whatever a user writes, parseConfig answers with a config or typed issues: never an exception.
describe('parseConfig on arbitrary input', () => {
  const checkNeverThrows = (text: string) => {
    const result = parseConfig(text, 'config.yaml');
    if (result.ok) {
      expect(result.config.models).toBeTypeOf('object');
    } else {
      expect(result.issues.length).toBeGreaterThan(0);
      for (const issue of result.issues) {
        expect(issue.file).toBe('config.yaml');
        expect(typeof issue.message).toBe('string');
      }
    }
  };

  it('handles arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), checkNeverThrows), { numRuns: 500 });
  });

  it('handles arbitrary YAML documents shaped roughly like a config', () => {
    const scalar = fc.oneof(
      fc.constantFrom(
        'openai',
        'anthropic',
        'zai',
        'github',
        'ollama',
        'openai-compatible',
        'auto',
        'api_key',
        'oauth',
        'token',
      ),
      fc.string({ maxLength: 8 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    const modelConfig = fc.dictionary(
      fc.constantFrom(
        'provider',
        'model',
        'auth_mode',
        'use_oauth',
        'api_key',
        'auth_token',
        'base_url',
        'headers',
        'name',
        'x',
      ),
      scalar,
    );
    const document = fc.record(
      {
        models: fc.oneof(
          fc.record(
            {
              default: modelConfig,
              fast: modelConfig,
              complex: modelConfig,
              local: modelConfig,
              local_providers: fc.array(modelConfig, { maxLength: 3 }),
            },
            { requiredKeys: [] },
          ),
          scalar,
        ),
        oauth: fc.anything(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(document, (doc) => checkNeverThrows(stringify(doc))),
      { numRuns: 500 },
    );
  });
});
