/**
 * The auditor's check that the public log only ever grew: the browser keeps the last checkpoint
 * it verified, and proves the next one consistent with it (RFC 9162 consistency proof). A log
 * that was rewritten, forked or cut back cannot pass, whoever serves it.
 *
 * Pure: the screen fetches the proof and keeps the seen checkpoint.
 */
import { fromBase64, ProofError, toBase64, verifyConsistency } from '@civitas/tlog';
import type { LogTrust } from '../../shared/api/verify-usage.ts';

/** A checkpoint this browser verified, as kept between visits. */
export interface SeenCheckpoint {
  origin: string;
  size: number;
  /** The tree's root hash, base64. */
  root: string;
}

export type TrustedLog = Extract<LogTrust, { kind: 'trusted' }>;

export type ConsistencyFailure =
  /** The log is smaller than a checkpoint it signed before: entries were removed. */
  | 'shrunk'
  /** The same size with another root, or a proof that leads elsewhere: the history was changed. */
  | 'forked'
  /** The proof is malformed (wrong length, bad hashes). */
  | 'proof-invalid'
  /** The proof could not be fetched. */
  | 'unavailable';

export type Consistency =
  /** No checkpoint of this log was verified in this browser before. */
  | { kind: 'first'; size: number }
  | { kind: 'unchanged'; size: number }
  | { kind: 'grown'; from: number; to: number }
  | { kind: 'failed'; reason: ConsistencyFailure; from: number; to: number };

export function seenCheckpointOf(log: TrustedLog): SeenCheckpoint {
  return { origin: log.origin, size: log.size, root: toBase64(log.root) };
}

/** Whether a consistency proof from the seen checkpoint's size to the log's is needed. */
export function needsConsistencyProof(seen: SeenCheckpoint | null, log: TrustedLog): seen is SeenCheckpoint {
  return seen !== null && seen.origin === log.origin && seen.size > 0 && seen.size < log.size;
}

/**
 * Compares the log's trusted checkpoint with the one seen before. `proof` (base64 hashes) is the
 * consistency proof from `seen.size` to `log.size`, or null when it could not be fetched or none is
 * needed (see needsConsistencyProof).
 */
export function checkConsistency(
  seen: SeenCheckpoint | null,
  log: TrustedLog,
  proof: readonly string[] | null,
): Consistency {
  if (seen === null || seen.origin !== log.origin || seen.size === 0)
    return { kind: 'first', size: log.size };
  const span = { from: seen.size, to: log.size };
  if (seen.size > log.size) return { kind: 'failed', reason: 'shrunk', ...span };
  let seenRoot: Uint8Array;
  let hashes: Uint8Array[];
  try {
    seenRoot = fromBase64(seen.root);
    hashes = seen.size === log.size ? [] : (proof ?? []).map(fromBase64);
  } catch {
    return { kind: 'failed', reason: 'proof-invalid', ...span };
  }
  if (seen.size < log.size && proof === null) return { kind: 'failed', reason: 'unavailable', ...span };
  try {
    verifyConsistency(seen.size, log.size, hashes, seenRoot, log.root);
  } catch (error) {
    const changed = error instanceof ProofError && error.reason === 'root-mismatch';
    return { kind: 'failed', reason: changed ? 'forked' : 'proof-invalid', ...span };
  }
  return seen.size === log.size ? { kind: 'unchanged', size: log.size } : { kind: 'grown', ...span };
}
