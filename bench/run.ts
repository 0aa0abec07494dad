// `npm run bench -- <name>`: runs bench/<name>.ts, which writes bench/results/<name>.json.
import fs from 'node:fs';
import path from 'node:path';

const name = process.argv[2];
const available = fs
  .readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
if (!name || !available.includes(name)) {
  console.error(`usage: npm run bench -- <name>\navailable: ${available.join(', ')}`);
  process.exit(2);
}
const module = (await import(path.join(import.meta.dirname, `${name}.bench.ts`))) as {
  run: () => Promise<void>;
};
await module.run();
