// The client side of `npm run bench -- log`, in its own small process (run with a large young
// generation, so that its own garbage collections stay out of the timings): asks random inclusion
// and consistency proofs one at a time, interleaved with `/healthz` (the cheapest answer the same
// server gives, the floor of this machine's loopback round trip at that moment), and prints their
// latencies as JSON.
// Usage: log-proof-client.ts <server URL> <tree size> <warm-up count> <count>
import crypto from 'node:crypto';
import { latencyClient } from './lib.ts';

const [url = '', sizeText = '0', warmText = '0', countText = '0'] = process.argv.slice(2);
const size = Number(sizeText);
const client = latencyClient(url);
const ask = async (path: string, field: 'proof' | 'status') => {
  const { ms, status, body } = await client.get<{ proof?: string[]; status?: string }>(path);
  if (status !== 200 || !body[field]) throw new Error(`${path}: ${status}`);
  return { ms, hashes: body.proof?.length ?? 0 };
};
const inclusionPath = () => `/log/proof/inclusion?index=${crypto.randomInt(size)}&size=${size}`;
const consistencyPath = () => `/log/proof/consistency?from=${1 + crypto.randomInt(size - 1)}&to=${size}`;
const inclusion: number[] = [];
const consistency: number[] = [];
const healthz: number[] = [];
let maxHashes = 0;
const warm = Number(warmText);
for (let i = 0; i < warm + Number(countText); i++) {
  const included = await ask(inclusionPath(), 'proof');
  const consistent = await ask(consistencyPath(), 'proof');
  const floor = await ask('/healthz', 'status');
  if (i < warm) continue;
  inclusion.push(included.ms);
  consistency.push(consistent.ms);
  healthz.push(floor.ms);
  maxHashes = Math.max(maxHashes, included.hashes);
}
client.close();
process.stdout.write(JSON.stringify({ inclusion, consistency, healthz, maxHashes }));
