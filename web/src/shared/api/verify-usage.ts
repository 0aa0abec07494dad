/**
 * The citizen's own check of a "who used my data" record against the public transparency log,
 * done in the browser so that it does not depend on trusting the server that shows the list:
 * the log's key is pinned on first use, the checkpoint must be signed by it, the record must be
 * what its log entry says and about this person, and the entry must be in the checkpoint's tree.
 *
 * Pure: the screen fetches the witnesses, the checkpoint and the proofs and passes them in.
 */

import type { UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import type { InclusionProof, LogWitnesses } from '@civitas/contracts/api/transparency-log.ts';
import { type AccessEntry, decodeEntry, subjectCommitment } from '@civitas/contracts/log/access-entry.ts';
import {
  cosignatureVerifier,
  fromBase64,
  leafHash,
  type NoteVerifier,
  noteVerifier,
  openNote,
  ProofError,
  parseCheckpoint,
  verifyInclusion,
} from '@civitas/tlog';

/** Why a record could not be verified; stable codes the screen translates. */
export type VerificationFailure =
  /** The log is served with another key than the one this browser pinned. */
  | 'log-key-changed'
  /** The served log key is not a signed-note Ed25519 key. */
  | 'log-key-invalid'
  /** The checkpoint is malformed or not signed by the log's key. */
  | 'checkpoint-invalid'
  /** The checkpoint or a proof could not be fetched. */
  | 'log-unavailable'
  /** The record's entry bytes are not a log entry. */
  | 'entry-unreadable'
  /** The entry says something else than the record (see `field`). */
  | 'entry-mismatch'
  /** The entry's commitment does not open to this person. */
  | 'not-about-you'
  /** The proof is not for this entry's position in this checkpoint. */
  | 'proof-invalid'
  /** The proof does not lead to the checkpoint's root: the entry is not at that position. */
  | 'not-in-log';

export type UsageCheck =
  | { state: 'verified'; checkpointSize: number }
  /** Logged after the latest checkpoint: verifiable once the next one is signed. */
  | { state: 'pending' }
  | { state: 'failed'; reason: VerificationFailure; field?: EntryField };

export type EntryField =
  | 'kind'
  | 'queryId'
  | 'time'
  | 'purpose'
  | 'legalBasis'
  | 'client'
  | 'service'
  | 'categories';

/** What the browser makes of the log before looking at any record. */
export type LogTrust =
  | {
      kind: 'trusted';
      origin: string;
      size: number;
      root: Uint8Array;
      /** Names of the witnesses whose cosignature verified. */
      cosignedBy: string[];
    }
  | { kind: 'untrusted'; reason: VerificationFailure };

/** Trust on first use: the first log key seen is kept; a different one later is refused. */
export type LogKeyPin =
  | { kind: 'first-use'; key: string }
  | { kind: 'pinned'; key: string }
  | { kind: 'changed'; pinned: string; served: string };

export function pinLogKey(pinned: string | null, served: string): LogKeyPin {
  const key = served.trim();
  if (pinned === null || pinned === '') return { kind: 'first-use', key };
  return pinned === key ? { kind: 'pinned', key } : { kind: 'changed', pinned, served: key };
}

/**
 * Opens the checkpoint note with the pinned log key (whose signature it must carry) and the
 * witnesses' cosignature keys, and reads the tree head from it.
 */
export function trustLog(pin: LogKeyPin, witnesses: LogWitnesses, checkpointNote: string): LogTrust {
  if (pin.kind === 'changed') return { kind: 'untrusted', reason: 'log-key-changed' };
  let log: NoteVerifier;
  try {
    log = noteVerifier(pin.key);
  } catch {
    return { kind: 'untrusted', reason: 'log-key-invalid' };
  }
  const cosigners = witnesses.witnesses.flatMap(({ vkey }) => {
    try {
      return [cosignatureVerifier(vkey)];
    } catch {
      return []; // A witness key we cannot read adds no assurance; it does not void the log's.
    }
  });
  try {
    const opened = openNote(checkpointNote, [log, ...cosigners]);
    const signedByLog = opened.verified.some((s) => s.name === log.name && s.keyId === log.keyId);
    const checkpoint = parseCheckpoint(opened.text);
    if (!signedByLog || checkpoint.origin !== log.name)
      return { kind: 'untrusted', reason: 'checkpoint-invalid' };
    const cosignedBy = opened.verified
      .filter((s) => cosigners.some((c) => c.name === s.name && c.keyId === s.keyId))
      .map((s) => s.name);
    return {
      kind: 'trusted',
      origin: checkpoint.origin,
      size: checkpoint.size,
      root: checkpoint.root,
      cosignedBy,
    };
  } catch {
    return { kind: 'untrusted', reason: 'checkpoint-invalid' };
  }
}

/** Whether the record's entry is in the trusted checkpoint's tree, so an inclusion proof exists. */
export function needsInclusionProof(record: UsageRecord, trust: LogTrust): boolean {
  return trust.kind === 'trusted' && record.logIndex < trust.size;
}

/**
 * Verifies one record. `personalNumber` is the person the record must be about: the signed-in
 * citizen, or the person an auditor searched for; null when the viewer searched across persons
 * (an auditor), so that everything but the entry's commitment to a person is checked.
 * `proof` is the inclusion proof of the record's position in the trusted checkpoint (null when
 * it could not be fetched, or when none is needed: see needsInclusionProof).
 */
export function verifyUsage(
  record: UsageRecord,
  personalNumber: string | null,
  trust: LogTrust,
  proof: InclusionProof | null,
): UsageCheck {
  if (trust.kind === 'untrusted') return failed(trust.reason);
  const bytes = entryBytes(record);
  if (!bytes) return failed('entry-unreadable');
  const entryFailure = checkEntry(bytes, record, personalNumber);
  if (entryFailure) return entryFailure;
  if (!needsInclusionProof(record, trust)) return { state: 'pending' };
  if (!proof) return failed('log-unavailable');
  if (proof.index !== record.logIndex || proof.size !== trust.size) return failed('proof-invalid');
  const hashes = proofHashes(proof);
  if (!hashes) return failed('proof-invalid');
  try {
    verifyInclusion(record.logIndex, trust.size, leafHash(bytes), hashes, trust.root);
  } catch (error) {
    const leadsElsewhere = error instanceof ProofError && error.reason === 'root-mismatch';
    return failed(leadsElsewhere ? 'not-in-log' : 'proof-invalid');
  }
  return { state: 'verified', checkpointSize: trust.size };
}

function failed(reason: VerificationFailure, field?: EntryField): UsageCheck {
  return field ? { state: 'failed', reason, field } : { state: 'failed', reason };
}

function entryBytes(record: UsageRecord): Uint8Array | null {
  try {
    return fromBase64(record.entry);
  } catch {
    return null;
  }
}

function proofHashes(proof: InclusionProof): Uint8Array[] | null {
  try {
    return proof.proof.map(fromBase64);
  } catch {
    return null;
  }
}

/** The entry must be an access entry saying what the record says, committed to this person. */
function checkEntry(
  bytes: Uint8Array,
  record: UsageRecord,
  personalNumber: string | null,
): UsageCheck | null {
  let entry: AccessEntry;
  try {
    const decoded = decodeEntry(bytes);
    if (decoded.kind !== 'access') return failed('entry-mismatch', 'kind');
    entry = decoded;
  } catch {
    return failed('entry-unreadable');
  }
  const expected: Array<[EntryField, unknown, unknown]> = [
    ['queryId', entry.queryId, record.queryId],
    ['time', entry.time, record.logTime],
    ['purpose', entry.purpose, record.purpose],
    ['legalBasis', entry.legalBasis, record.legalBasis],
    ['client', entry.client, record.initiatorOrg.id],
    ['service', entry.service, record.receiver.service],
    ['categories', sortedList(entry.categories), sortedList(record.dataCategories)],
  ];
  const mismatch = expected.find(([, inEntry, inRecord]) => inEntry !== inRecord);
  if (mismatch) return failed('entry-mismatch', mismatch[0]);
  if (personalNumber !== null && entry.subject !== subjectCommitment(record.nonce, personalNumber))
    return failed('not-about-you');
  return null;
}

function sortedList(values: unknown): string {
  return Array.isArray(values) ? JSON.stringify([...values].map(String).sort()) : '';
}
