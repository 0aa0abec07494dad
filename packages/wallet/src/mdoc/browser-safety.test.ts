import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The PWA and the offline verifier bundle these modules: no Node.js API may creep in. */
const folder = path.dirname(fileURLToPath(import.meta.url));
const sources = [
  ...readdirSync(folder)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => path.join(folder, file)),
  path.join(folder, '../status-list/cwt.ts'),
];

describe('mdoc and the CWT status list are browser-safe', () => {
  it.each(sources.map((file) => [path.relative(path.dirname(folder), file), file]))(
    '%s uses no Node.js module, Buffer or process',
    (_name, file) => {
      const source = readFileSync(file, 'utf8');
      expect(source).not.toMatch(/['"]node:/);
      expect(source).not.toMatch(/\bBuffer\b/);
      expect(source).not.toMatch(/\bprocess\./);
      expect(source).not.toMatch(/\brequire\(/);
      const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1]!);
      for (const specifier of imports) {
        expect(specifier).toMatch(
          /^(\.{1,2}\/[a-z0-9/-]+\.ts|@owf\/mdoc|@noble\/hashes\/sha2\.js|@sd-jwt\/jwt-status-list)$/,
        );
      }
    },
  );
});
