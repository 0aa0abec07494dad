// mdoc presentation verification per second on one core: a police check of a driving licence
// (family and given name, portrait of 12 KB, categories, expiry, licence number) — issuer signature
// with its x5chain through an intermediate to the anchor, MSO validity, element digests, device
// signature over the OpenID4VP session transcript, status from an in-memory CWT list of 100,000.
// One event loop, one verification at a time; the figure is per second of CPU time.
import { issueMdoc } from '../../packages/wallet/src/mdoc/issue.ts';
import { presentMdoc } from '../../packages/wallet/src/mdoc/present.ts';
import {
  createHolder,
  MDL,
  MDL_NS,
  mdlInput,
  PORTRAIT,
  STATUS_URI,
  verificationContext,
} from '../../packages/wallet/src/mdoc/test-fixtures.ts';
import { verifyMdocPresentation } from '../../packages/wallet/src/mdoc/verify.ts';
import { buildStatusListCwt } from '../../packages/wallet/src/status-list/cwt.ts';
import { createTestPki } from '../../packages/wallet/src/trust/test-pki.ts';

const WARMUP_MS = 500;
const MEASURE_MS = Number(process.env.BENCH_WALLET_SECONDS ?? 5) * 1000;

async function fixture() {
  const now = new Date();
  const pki = await createTestPki({ now, intermediate: true });
  const holder = await createHolder();
  const portrait = new Uint8Array(12 * 1024);
  portrait.set(PORTRAIT.subarray(0, 4));
  const input = mdlInput(pki, holder, now, { status: { uri: STATUS_URI, idx: 4711 } });
  const namespaces = { [MDL_NS]: { ...input.namespaces[MDL_NS], portrait } };
  const credential = await issueMdoc({ ...input, namespaces });
  const seconds = Math.floor(now.getTime() / 1000);
  const statusList = await buildStatusListCwt({
    uri: STATUS_URI,
    statuses: new Uint8Array(100_000),
    bits: 2,
    issuedAt: seconds,
    expiresAt: seconds + 3600,
    ttl: 300,
    signer: pki.signer,
  });
  const context = await verificationContext(pki, now, statusList);
  const elements = [
    'family_name',
    'given_name',
    'portrait',
    'driving_privileges',
    'expiry_date',
    'document_number',
  ];
  const response = await presentMdoc(
    credential,
    { docType: MDL, elements: { [MDL_NS]: elements } },
    context.sessionTranscript,
    holder.sign,
  );
  return { response, context };
}

/**
 * Verifications per second of CPU time used by the process — its event loop and the libuv threads
 * WebCrypto runs on — the per-core figure whatever else the machine does (as `sdjwt.ts` measures);
 * the wall-clock rate is printed beside it.
 */
async function perCpuSecond(operation: () => Promise<unknown>): Promise<number> {
  const warmupEnd = performance.now() + WARMUP_MS;
  while (performance.now() < warmupEnd) await operation();
  const cpu = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < MEASURE_MS) {
    await operation();
    count++;
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  console.log(`mdoc verify: ${Math.round(count / wall)}/s wall clock (one at a time, one event loop)`);
  return count / ((used.user + used.system) / 1e6);
}

export async function runMdocVerify(): Promise<number | null> {
  const { response, context } = await fixture();
  const verified = await verifyMdocPresentation(response, context);
  if (verified.status !== 'valid') throw new Error('the bench presentation does not verify');
  return perCpuSecond(() => verifyMdocPresentation(response, context));
}

/** The name the mdoc brief gives the same figure. */
export const runMdocVerifyBench = runMdocVerify;
