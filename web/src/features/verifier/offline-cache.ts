/**
 * The offline verifier's cache in IndexedDB: per check, the signed requests not yet spent, the
 * issuers' trust anchors and the status lists, with when they were fetched (the screen shows the
 * cache's age). A request is removed when it is shown, so no nonce is used twice.
 */
import type { OfflineRequests, VerifierCheck } from '@civitas/contracts/api/wallet-verifier.ts';
import { type IDBPDatabase, openDB } from 'idb';

const DATABASE = 'civitas-verifier-offline';
const STORE = 'bundles';

let opening: Promise<IDBPDatabase> | null = null;

function database(): Promise<IDBPDatabase> {
  opening ??= openDB(DATABASE, 1, { upgrade: (db) => void db.createObjectStore(STORE) });
  return opening;
}

export async function saveBundle(bundle: OfflineRequests): Promise<void> {
  await (await database()).put(STORE, bundle, bundle.check);
}

export async function cachedBundle(check: VerifierCheck): Promise<OfflineRequests | null> {
  return ((await (await database()).get(STORE, check)) as OfflineRequests | undefined) ?? null;
}

/** Takes the next unexpired request out of the cache (null when none is left). */
export async function takeRequest(
  check: VerifierCheck,
  now = new Date(),
): Promise<OfflineRequests['requests'][number] | null> {
  const bundle = await cachedBundle(check);
  if (!bundle) return null;
  const usable = bundle.requests.filter((request) => new Date(request.expiresAt) > now);
  const [next, ...rest] = usable;
  await saveBundle({ ...bundle, requests: rest });
  return next ?? null;
}
