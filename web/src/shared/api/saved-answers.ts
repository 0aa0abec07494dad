/**
 * The last successful answers of the signed-in person's own resources (their profile, their
 * vehicles' reports), kept in IndexedDB so that they stay readable offline. Each answer is filed
 * under the person it belongs to and is only ever read back for that person; everything is
 * forgotten when the session ends (sign-out or expiry), and when the app starts with no session.
 *
 * Only what a screen of the person's own data asked for is kept (see `apiGetSaved`); other API
 * answers and anything of a third party never are.
 */

const DATABASE = 'civitas-saved-answers';
const STORE = 'answers';

export interface SavedAnswer {
  /** The person the answer belongs to (the eID subject). */
  subject: string;
  path: string;
  /** Epoch milliseconds when the answer was received. */
  savedAt: number;
  body: unknown;
}

let opening: Promise<IDBDatabase> | null = null;

function database(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => {
      const db = request.result;
      // Another tab upgrading or deleting the database: let it, and open again next time.
      db.onversionchange = () => {
        db.close();
        opening = null;
      };
      resolve(db);
    };
    request.onerror = () => reject(request.error);
  }).catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

/** Runs one request in its own transaction; resolves when the transaction has committed. */
async function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  return new Promise<T>((resolve, reject) => {
    const transaction = db.transaction(STORE, mode);
    const request = act(transaction.objectStore(STORE));
    transaction.oncomplete = () => resolve(request.result);
    transaction.onerror = () => reject(transaction.error ?? request.error);
    transaction.onabort = () => reject(transaction.error ?? new Error('the transaction was aborted'));
  });
}

const keyOf = (subject: string, path: string) => `${subject}\n${path}`;

export async function saveAnswer(subject: string, path: string, body: unknown): Promise<void> {
  const answer: SavedAnswer = { subject, path, savedAt: Date.now(), body };
  await run('readwrite', (store) => store.put(answer, keyOf(subject, path)));
}

/** The saved answer for this person and path, or null (none, or storage unavailable). */
export async function savedAnswer(subject: string, path: string): Promise<SavedAnswer | null> {
  try {
    const found = (await run('readonly', (store) => store.get(keyOf(subject, path)))) as
      | SavedAnswer
      | undefined;
    // The key already names the person; the check keeps it so if keys ever change.
    return found && found.subject === subject ? found : null;
  } catch {
    return null;
  }
}

/** Forgets every saved answer of everyone. Never fails: without storage there is nothing to forget. */
export async function forgetSavedAnswers(): Promise<void> {
  try {
    await run('readwrite', (store) => store.clear());
  } catch {
    // IndexedDB unavailable (a private window, say): nothing was saved either.
  }
}
