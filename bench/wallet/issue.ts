// `npm run bench -- wallet` → issue_per_s: wallet credentials issued per second on PostgreSQL,
// the whole issuance as a wallet drives it against the real app (in process, `inject`): the
// pre-authorized token (transaction code checked), a nonce, the JWT proof made by the wallet and
// checked, the PID's claims read from the registers through the exchange (logged for the
// transparency log), a status index, the SD-JWT VC signed with the issuer's x5c key, the copy
// recorded. The desk's offers are made first (an official's work, not timed).

import { type DemoSeedOptions, seedDemoData } from '../../server/src/bootstrap.ts';
import { connectDatabase, migrateToLatest } from '../../server/src/db/index.ts';
import { MIGRATIONS } from '../../server/src/migrations.ts';
import { registerSamples } from '../../server/src/registers/index.ts';
import { startTestPlatform } from '../../server/test/platform.ts';
import { HolderKey } from '../../server/test/wallet-holder.ts';
import { withPostgresDatabase } from '../lib.ts';

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
const ISSUER = 'https://civitas.bench';
/** Credentials issued in the timed phase, and how many wallets ask at once. */
const ISSUANCES = Number(process.env.BENCH_WALLET_ISSUANCES ?? 1_500);
const CONCURRENCY = Number(process.env.BENCH_WALLET_CONCURRENCY ?? 32);
const CONFIGURATION = 'pid-sd-jwt';

type Platform = Awaited<ReturnType<typeof startTestPlatform>>;

/** The desk's offers, one per person (made through the API as an official would). */
async function makeOffers(
  platform: Platform,
  persons: string[],
): Promise<Array<{ code: string; txCode: string }>> {
  const demo = await platform.app.inject({ method: 'GET', url: '/api/demo/accounts' });
  const accounts = demo.json() as Array<{ role: string; personalNumber: string }>;
  const issued = await platform.app.inject({
    method: 'POST',
    url: '/api/demo/tokens',
    payload: { personalNumber: accounts.find((account) => account.role === 'official')!.personalNumber },
  });
  const official = (issued.json() as { accessToken: string }).accessToken;
  const offers: Array<{ code: string; txCode: string }> = [];
  for (const personalNumber of persons) {
    const answer = await platform.app.inject({
      method: 'POST',
      url: '/api/wallet/offers',
      headers: { authorization: `Bearer ${official}` },
      payload: { personalNumber, configurationId: CONFIGURATION },
    });
    if (answer.statusCode !== 200) throw new Error(`offer refused: ${answer.body}`);
    const { offerUri, txCode } = answer.json() as { offerUri: string; txCode: string };
    const offer = JSON.parse(decodeURIComponent(offerUri.split('credential_offer=')[1]!));
    offers.push({ code: offer.grants[PRE_AUTHORIZED]['pre-authorized_code'], txCode });
  }
  return offers;
}

/** One wallet's whole issuance: token, nonce, one proof per copy (each its own key), the copies. */
async function issueOne(
  platform: Platform,
  offer: { code: string; txCode: string },
  holders: readonly HolderKey[],
) {
  const token = await platform.app.inject({
    method: 'POST',
    url: '/api/wallet/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      grant_type: PRE_AUTHORIZED,
      'pre-authorized_code': offer.code,
      tx_code: offer.txCode,
    }).toString(),
  });
  if (token.statusCode !== 200) throw new Error(`token refused: ${token.body}`);
  const nonce = (await platform.app.inject({ method: 'POST', url: '/api/wallet/nonce' })).json()
    .c_nonce as string;
  const credential = await platform.app.inject({
    method: 'POST',
    url: '/api/wallet/credential',
    headers: { authorization: `Bearer ${token.json().access_token}` },
    payload: {
      credential_configuration_id: CONFIGURATION,
      proofs: { jwt: await Promise.all(holders.map((holder) => holder.proof(ISSUER, nonce))) },
    },
  });
  if (credential.statusCode !== 200) throw new Error(`credential refused: ${credential.body}`);
}

/** The PID's batch size in the catalogue: the wallet asks for that many copies, each its own key. */
const BATCH = 3;

export interface IssueFigures {
  /** Credentials (copies) per second as the wallet asks for them: a batch of 3 per request. */
  credentialsPerSecond: number;
  /** Issuance requests per second with the batch of 3 (each one register fetch). */
  batchRequestsPerSecond: number;
  /** Credentials per second when each request asks for one copy only. */
  singleCopyPerSecond: number;
}

/** Credentials per second for the whole issuance, on PostgreSQL (`BENCH_DATABASE_URL`). */
export function runIssueBench(): Promise<IssueFigures> {
  return withPostgresDatabase(measure);
}

/** Runs every offer through `concurrency` wallets; answers requests per second. */
async function timed(
  platform: Platform,
  offers: Array<{ code: string; txCode: string }>,
  wallets: HolderKey[][],
): Promise<number> {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    wallets.map(async (keys) => {
      while (next < offers.length) await issueOne(platform, offers[next++]!, keys);
    }),
  );
  return offers.length / ((performance.now() - started) / 1000);
}

/** The server's own pool size (10 by default; BENCH_WALLET_POOL to try others). */
const POOL = Number(process.env.BENCH_WALLET_POOL ?? 10);

async function measure(databaseUrl: string): Promise<IssueFigures> {
  const open = async () => {
    const handle = await connectDatabase({ databaseUrl, poolSize: POOL });
    await migrateToLatest(handle.db, MIGRATIONS);
    return handle;
  };
  const openSeeded = async (options: DemoSeedOptions) => {
    const database = await open();
    return { database, seeded: await seedDemoData(database, options) };
  };
  const platform = await startTestPlatform(
    { name: 'postgres', open, openSeeded },
    { persons: 3_000, vehicles: 500, env: { CIVITAS_PUBLIC_URL: ISSUER, CIVITAS_RATE_LIMIT: '0' } },
  );
  try {
    const persons = await registerSamples(platform.database.db).livingPersons(0, ISSUANCES + 50);
    const offers = await makeOffers(platform, persons);
    const wallets = await Promise.all(
      Array.from({ length: CONCURRENCY }, () =>
        Promise.all(Array.from({ length: BATCH }, () => HolderKey.generate())),
      ),
    );
    // Warm up (JIT, connection pool, the issuer's key and the status list) on the first 50.
    const warmup = offers.splice(0, 50);
    await Promise.all(warmup.map((offer, i) => issueOne(platform, offer, wallets[i % CONCURRENCY]!)));
    const half = Math.floor(offers.length / 2);
    const single = await timed(
      platform,
      offers.slice(0, half),
      wallets.map((keys) => keys.slice(0, 1)),
    );
    const batch = await timed(platform, offers.slice(half), wallets);
    return {
      credentialsPerSecond: batch * BATCH,
      batchRequestsPerSecond: batch,
      singleCopyPerSecond: single,
    };
  } finally {
    await platform.close();
  }
}

/** The wallet bench's hook (bench/wallet.bench.ts). */
export async function runIssue(): Promise<IssueFigures | null> {
  return runIssueBench();
}
