import { describe, expect, it } from 'vitest';
import { documentedProblemCodes } from '../../test/documented-codes.ts';
import { problemTable } from '../app.ts';
import { mergeErrorTables } from '../kernel/errors.ts';
import { httpErrors } from './errors.ts';

describe('the problem codes', () => {
  it('are all listed, with their status, in docs/errors.md (clients rely on that list)', async () => {
    const documented = documentedProblemCodes();
    const missing = Object.keys(problemTable).filter((code) => !documented.has(code));
    expect(missing).toEqual([]);
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    for (const [code, { status }] of Object.entries(problemTable))
      expect(text).toMatch(new RegExp(`^\\| \`${code}\`\\s*\\| ${status}\\s*\\|`, 'm'));
  });

  it('refuse to merge when two contexts declare the same code (it would mean two things)', () => {
    expect(() =>
      mergeErrorTables({
        http: httpErrors,
        'vehicle-dossier': { internal: { status: 500, title: 'Our own internal' } },
      }),
    ).toThrow('the error code internal is declared by both http and vehicle-dossier');
  });
});
