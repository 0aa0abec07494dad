// The client side of `npm run bench -- log`, in its own small process so that the bench's own
// heap (millions of entries just written) cannot pause it: asks random inclusion and consistency
// proofs one at a time and prints their latencies as JSON.
// Usage: log-proof-client.ts <server URL> <tree size> <warm-up count> <count>
import crypto from 'node:crypto';
import { latencyClient } from './lib.ts';

const [url = '', sizeText = '0', warmText = '0', countText = '0'] = process.argv.slice(2);
const size = Number(sizeText);
const client = latencyClient(url);
const ask = async (path: string) => {
  const { ms, status, body } = await client.get<{ proof?: string[] }>(path);
  if (status !== 200 || !body.proof) throw new Error(`${path}: ${status}`);
  return { ms, hashes: body.proof.length };
};
const inclusionPath = () => `/log/proof/inclusion?index=${crypto.randomInt(size)}&size=${size}`;
const consistencyPath = () => `/log/proof/consistency?from=${1 + crypto.randomInt(size - 1)}&to=${size}`;
for (let i = 0; i < Number(warmText); i++) {
  await ask(inclusionPath());
  await ask(consistencyPath());
}
const inclusion: number[] = [];
const consistency: number[] = [];
let maxHashes = 0;
for (let i = 0; i < Number(countText); i++) {
  const result = await ask(inclusionPath());
  inclusion.push(result.ms);
  maxHashes = Math.max(maxHashes, result.hashes);
}
for (let i = 0; i < Number(countText); i++) consistency.push((await ask(consistencyPath())).ms);
client.close();
process.stdout.write(JSON.stringify({ inclusion, consistency, maxHashes }));
