import { describe, expect, it } from 'vitest';
import { documentedProblemCodes } from '../../test/documented-codes.ts';
import { problems } from '../kernel/errors.ts';

describe('the problem codes', () => {
  it('are all listed, with their status, in docs/errors.md (clients rely on that list)', async () => {
    const documented = documentedProblemCodes();
    const missing = Object.keys(problems).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(problems))
      expect(text).toMatch(new RegExp(`^\\| \`${code}\`\\s*\\| ${status}\\s*\\|`, 'm'));
  });
});
