import fs from 'node:fs';
import path from 'node:path';

/** The problem codes listed in `docs/errors.md`'s table, the codes clients may rely on. */
export function documentedProblemCodes(): Set<string> {
  const text = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/errors.md'), 'utf8');
  return new Set([...text.matchAll(/^\| `([a-z][a-z0-9-]*)`\s*\|\s*\d{3}\s*\|/gm)].map((match) => match[1]!));
}
