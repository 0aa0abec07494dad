import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The web app bundles this folder for the citizen's browser: no Node.js APIs may creep in. */
const folder = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(folder)
  .filter((file) => file.endsWith('.ts'))
  .sort();
const sources = files.filter((file) => !file.endsWith('.test.ts'));

describe('the transparency-log library is browser-safe', () => {
  it('has the modules the web app imports', () => {
    expect(sources).toEqual(
      expect.arrayContaining([
        'checkpoint.ts',
        'cosignature.ts',
        'hash.ts',
        'index.ts',
        'note.ts',
        'proof.ts',
        'tiles.ts',
      ]),
    );
  });

  it.each(sources)('%s uses no Node.js module, Buffer or process', async (file) => {
    const source = readFileSync(path.join(folder, file), 'utf8');
    expect(source).not.toMatch(/['"]node:/);
    expect(source).not.toMatch(/\bBuffer\b/);
    expect(source).not.toMatch(/\bprocess\b/);
    expect(source).not.toMatch(/\brequire\(/);
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
    for (const specifier of imports) {
      expect(specifier).toMatch(/^(\.\/[a-z-]+\.ts|@noble\/(hashes|curves)\/[a-z0-9]+\.js)$/);
    }
    await expect(import(`./${file}`)).resolves.toBeDefined();
  });

  it.each(files)('%s imports nothing from outside the package (no server/, no web/)', (file) => {
    const source = readFileSync(path.join(folder, file), 'utf8');
    const imports = [...source.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1]!);
    expect(imports.filter((specifier) => /^(\.\.\/|@civitas\/)/.test(specifier))).toEqual([]);
  });
});
