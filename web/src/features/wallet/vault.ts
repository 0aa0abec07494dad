/**
 * The wallet on this device (IndexedDB through `idb`): the PIN lock, the device keys (private
 * halves non-extractable CryptoKeys), the credentials and the history, both sealed with the data
 * key (AES-GCM). It needs no eID session; removing it deletes the whole database.
 */
import type { PublicJwk, StatusReference } from '@civitas/wallet/formats.ts';
import { type DBSchema, deleteDB, type IDBPDatabase, openDB } from 'idb';
import { createDeviceKey, type DeviceKey } from './device-keys.ts';
import {
  createDataKey,
  createDeviceLock,
  type DeviceLock,
  openDataKey,
  openDataKeyWithDevice,
  type PinLock,
  type Sealed,
  seal,
  unseal,
} from './vault-crypto.ts';

export interface StoredCopy {
  credential: string;
  keyId: string;
  /** Presentations made with this copy: fresh copies are preferred, so verifiers cannot link them. */
  presentations: number;
}

export interface StoredCredential {
  id: string;
  configurationId: string;
  format: 'dc+sd-jwt' | 'mso_mdoc';
  /** The credential issuer's identifier and its display name (from its metadata). */
  issuer: string;
  issuerName: string;
  copies: StoredCopy[];
  claims: Record<string, unknown>;
  validUntil: string | null;
  status: StatusReference | null;
  addedAt: string;
}

export interface HistoryEntry {
  id: string;
  at: string;
  kind: 'issuance' | 'presentation';
  /** The issuer's or verifier's name. */
  counterpart: string;
  configurationId: string;
  /** The claims' paths (joined with '.') that were stored or disclosed. */
  claims: string[];
  channel: 'online' | 'offline';
}

/** Wrong PINs in a row, and until when the next attempt must wait. */
interface PinFailures {
  count: number;
  until: number;
}

/** After this many wrong PINs each further one doubles a wait that starts at 30 s. */
export const FREE_PIN_ATTEMPTS = 5;

export function waitAfterFailures(count: number): number {
  return count < FREE_PIN_ATTEMPTS ? 0 : 30_000 * 2 ** Math.min(count - FREE_PIN_ATTEMPTS, 10);
}

interface WalletSchema extends DBSchema {
  meta: { key: string; value: PinLock | PinFailures | DeviceLock };
  keys: { key: string; value: { id: string; privateKey: CryptoKey; publicJwk: PublicJwk } };
  credentials: { key: string; value: { id: string; sealed: Sealed } };
  history: { key: string; value: { id: string; at: string; sealed: Sealed } };
}

const DB_NAME = 'civitas-wallet';
const LOCK = 'pin-lock';
const FAILURES = 'pin-failures';
const DEVICE_LOCK = 'device-lock';

function database(): Promise<IDBPDatabase<WalletSchema>> {
  return openDB<WalletSchema>(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore('meta');
      db.createObjectStore('keys', { keyPath: 'id' });
      db.createObjectStore('credentials', { keyPath: 'id' });
      db.createObjectStore('history', { keyPath: 'id' });
    },
  });
}

export async function walletExists(): Promise<boolean> {
  const db = await database();
  try {
    return (await db.get('meta', LOCK)) !== undefined;
  } finally {
    db.close();
  }
}

/** An unlocked wallet: holds the non-extractable data key until locked. */
export class OpenWallet {
  readonly #dataKey: CryptoKey;
  constructor(dataKey: CryptoKey) {
    this.#dataKey = dataKey;
  }

  private async withDb<T>(work: (db: IDBPDatabase<WalletSchema>) => Promise<T>): Promise<T> {
    const db = await database();
    try {
      return await work(db);
    } finally {
      db.close();
    }
  }

  async credentials(): Promise<StoredCredential[]> {
    const rows = await this.withDb((db) => db.getAll('credentials'));
    const all = await Promise.all(rows.map((row) => unseal<StoredCredential>(this.#dataKey, row.sealed)));
    return all.sort((a, b) => a.addedAt.localeCompare(b.addedAt));
  }

  async saveCredential(credential: StoredCredential): Promise<void> {
    const sealed = await seal(this.#dataKey, credential);
    await this.withDb((db) => db.put('credentials', { id: credential.id, sealed }));
  }

  async history(): Promise<HistoryEntry[]> {
    const rows = await this.withDb((db) => db.getAll('history'));
    const all = await Promise.all(rows.map((row) => unseal<HistoryEntry>(this.#dataKey, row.sealed)));
    return all.sort((a, b) => b.at.localeCompare(a.at));
  }

  async record(entry: Omit<HistoryEntry, 'id' | 'at'>, now = new Date()): Promise<void> {
    const full: HistoryEntry = { ...entry, id: crypto.randomUUID(), at: now.toISOString() };
    const sealed = await seal(this.#dataKey, full);
    await this.withDb((db) => db.put('history', { id: full.id, at: full.at, sealed }));
  }

  /** New device keys, one per copy to be issued, stored before they are used. */
  async newDeviceKeys(count: number): Promise<DeviceKey[]> {
    const keys = await Promise.all(Array.from({ length: count }, () => createDeviceKey()));
    await this.withDb(async (db) => {
      const transaction = db.transaction('keys', 'readwrite');
      await Promise.all([...keys.map((key) => transaction.store.put(key)), transaction.done]);
    });
    return keys;
  }

  async deviceKey(id: string): Promise<DeviceKey | undefined> {
    return this.withDb((db) => db.get('keys', id));
  }

  /** Deletes a credential and its copies' keys. */
  async deleteCredential(credential: StoredCredential): Promise<void> {
    await this.withDb(async (db) => {
      const transaction = db.transaction(['credentials', 'keys'], 'readwrite');
      await Promise.all([
        transaction.objectStore('credentials').delete(credential.id),
        ...credential.copies.map((copy) => transaction.objectStore('keys').delete(copy.keyId)),
        transaction.done,
      ]);
    });
  }
}

export async function createWallet(pin: string): Promise<OpenWallet> {
  const { lock, dataKey } = await createDataKey(pin);
  const db = await database();
  try {
    await db.put('meta', lock, LOCK);
  } finally {
    db.close();
  }
  return new OpenWallet(dataKey);
}

/**
 * Runs something that needs the right PIN. Wrong PINs are counted on the device: after five, each
 * attempt waits (30 s, doubling), so the PIN cannot be guessed through the app at speed.
 */
async function withPin<T>(
  pin: string,
  now: number,
  use: (lock: PinLock, pin: string) => Promise<T | null>,
): Promise<T | 'wrong' | { waitSeconds: number }> {
  const db = await database();
  try {
    const lock = (await db.get('meta', LOCK)) as PinLock | undefined;
    if (!lock) return 'wrong';
    const failures = ((await db.get('meta', FAILURES)) as PinFailures | undefined) ?? { count: 0, until: 0 };
    if (failures.until > now) return { waitSeconds: Math.ceil((failures.until - now) / 1000) };
    const result = await use(lock, pin);
    if (result !== null) {
      await db.delete('meta', FAILURES);
      return result;
    }
    const count = failures.count + 1;
    await db.put('meta', { count, until: now + waitAfterFailures(count) }, FAILURES);
    return 'wrong';
  } finally {
    db.close();
  }
}

/** The wallet for the right PIN (wrong PINs counted, see `withPin`). */
export async function unlockWallet(
  pin: string,
  now = Date.now(),
): Promise<OpenWallet | 'wrong' | { waitSeconds: number }> {
  return withPin(pin, now, async (lock, typed) => {
    const dataKey = await openDataKey(lock, typed);
    return dataKey ? new OpenWallet(dataKey) : null;
  });
}

/** The platform authenticator's lock, when the person turned it on. */
export async function deviceLockOf(): Promise<DeviceLock | undefined> {
  const db = await database();
  try {
    return (await db.get('meta', DEVICE_LOCK)) as DeviceLock | undefined;
  } finally {
    db.close();
  }
}

/**
 * Turns on opening with the platform authenticator: the PIN once more (checked first: a wrong PIN
 * makes no credential), then the authenticator's credential and PRF output (`makeDevice`).
 */
export async function enableDeviceUnlock(
  pin: string,
  makeDevice: () => Promise<{ credentialId: string; prfSalt: string; prfOutput: ArrayBuffer }>,
  now = Date.now(),
): Promise<'enabled' | 'wrong' | { waitSeconds: number }> {
  const outcome = await withPin(pin, now, async (lock, typed) => {
    if (!(await openDataKey(lock, typed))) return null;
    return createDeviceLock(lock, typed, await makeDevice());
  });
  if (outcome === 'wrong' || 'waitSeconds' in outcome) return outcome;
  const db = await database();
  try {
    await db.put('meta', outcome, DEVICE_LOCK);
  } finally {
    db.close();
  }
  return 'enabled';
}

export async function disableDeviceUnlock(): Promise<void> {
  const db = await database();
  try {
    await db.delete('meta', DEVICE_LOCK);
  } finally {
    db.close();
  }
}

/** The wallet for the authenticator's PRF output, or 'wrong' (another authenticator, or none set up). */
export async function unlockWalletWithDevice(prfOutput: ArrayBuffer): Promise<OpenWallet | 'wrong'> {
  const lock = await deviceLockOf();
  const dataKey = lock ? await openDataKeyWithDevice(lock, prfOutput) : null;
  return dataKey ? new OpenWallet(dataKey) : 'wrong';
}

/** "Remove wallet": every key, credential and history entry on this device goes. */
export async function removeWallet(): Promise<void> {
  await deleteDB(DB_NAME);
}
