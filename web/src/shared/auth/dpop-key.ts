import * as oauth from 'oauth4webapi';

/**
 * The key that the access tokens of this browser's sign-in are bound to (DPoP, RFC 9449). Made
 * by WebCrypto at each sign-in as a non-extractable ES256 key pair: the private key can sign
 * proofs but can never be read out, not even by this app's own code. It is kept in IndexedDB
 * (which stores a CryptoKey as it is) so that the callback page and later page loads can use it,
 * and is deleted at sign-out. A stolen access token is useless without it.
 */
const DATABASE = 'civitas-auth';
const STORE = 'dpop-keys';

export interface DpopKey {
  id: string;
  keyPair: CryptoKeyPair;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function transact<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T | undefined> {
  const database = await open();
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = work(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request?.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** A new key pair for a sign-in that is starting, stored under a fresh id. */
export async function createDpopKey(): Promise<DpopKey> {
  const keyPair = await oauth.generateKeyPair('ES256', { extractable: false });
  const id = crypto.randomUUID();
  await transact('readwrite', (store) => store.put(keyPair, id));
  return { id, keyPair };
}

export async function loadDpopKey(id: string): Promise<CryptoKeyPair | null> {
  const keyPair = await transact<CryptoKeyPair>('readonly', (store) => store.get(id));
  return keyPair ?? null;
}

/** Deletes the stored keys: all of them, or all but the one still in use. */
export async function deleteDpopKeys({ except }: { except?: string } = {}): Promise<void> {
  const ids = (await transact<IDBValidKey[]>('readonly', (store) => store.getAllKeys())) ?? [];
  const doomed = ids.filter((id) => id !== except);
  if (doomed.length === 0) return;
  await transact('readwrite', (store) => {
    for (const id of doomed) store.delete(id);
    return undefined;
  });
}

const handles = new Map<string, Promise<oauth.DPoPHandle | null>>();

/** oauth4webapi's proof maker for a stored key (null if the key is gone), one per key and page. */
export function dpopHandle(id: string): Promise<oauth.DPoPHandle | null> {
  let handle = handles.get(id);
  if (!handle) {
    handle = loadDpopKey(id).then((keyPair) => (keyPair ? oauth.DPoP({}, keyPair) : null));
    handles.set(id, handle);
  }
  return handle;
}

export function forgetDpopHandles(): void {
  handles.clear();
}
