import type { UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import type { InclusionProof, LogWitnesses } from '@civitas/contracts/api/transparency-log.ts';
import {
  type AccessEntry,
  encodeEntry,
  type LogEntry,
  subjectCommitment,
} from '@civitas/contracts/log/access-entry.ts';
import {
  buildInclusionProof,
  cosigner,
  formatCheckpoint,
  generateCosignerKey,
  generateSigningKey,
  leafHash,
  type NoteSigner,
  noteSigner,
  rootHash,
  signNote,
  toBase64,
} from '@civitas/tlog';
import { memoryTree } from '@civitas/tlog/test-trees.ts';
import { describe, expect, it } from 'vitest';
import { type EntryField, type LogTrust, pinLogKey, trustLog, verifyUsage } from './verify-usage.ts';

const ORIGIN = 'civitas.example/log';
const PERSON = '7501020018';
const OTHER_PERSON = '8203150045';
const PORTAL = 'BG/GOV/177547175/civitas-portal';
const PERSONS_SERVICE = 'BG/GOV/831661388/population-register/persons';

const logKey = generateSigningKey(ORIGIN);
const witnessKey = generateCosignerKey('witness.example');
const witnesses: LogWitnesses = {
  origin: ORIGIN,
  logKey: logKey.vkey,
  witnesses: [{ name: 'witness.example', vkey: witnessKey.vkey }],
};

function accessEntry(index: number, nonce: string, person = PERSON): AccessEntry {
  return {
    v: 1,
    kind: 'access',
    time: `2026-03-0${index}T10:00:00.000Z`,
    queryId: `query-${index}`,
    node: 'BG-1',
    client: PORTAL,
    service: PERSONS_SERVICE,
    purpose: 'data-subject-access',
    legalBasis: 'gdpr-art-15',
    categories: ['identity'],
    status: 200,
    subject: subjectCommitment(nonce, person),
    record: 'a'.repeat(64),
  };
}

function recordOf(entry: AccessEntry, logIndex: number, nonce: string): UsageRecord {
  return {
    id: `usage-${logIndex}`,
    logIndex,
    logTime: entry.time,
    initiatorOrg: { id: entry.client, name: 'Министерство на електронното управление', systemName: 'Портал' },
    initiatorPerson: null,
    initiatorPersonLatin: null,
    self: true,
    receiver: {
      id: 'BG/GOV/831661388/population-register',
      name: 'ГРАО',
      systemName: 'НБД',
      service: entry.service,
    },
    purpose: entry.purpose,
    legalBasis: entry.legalBasis,
    caseRef: null,
    dataCategories: [...entry.categories],
    queryId: entry.queryId,
    hiddenUntil: null,
    hiddenReason: null,
    entry: toBase64(encodeEntry(entry)),
    nonce,
  };
}

const message: LogEntry = {
  v: 1,
  kind: 'message',
  time: '2026-03-01T09:00:00.000Z',
  queryId: 'query-0',
  node: 'BG-1',
  side: 'consumer',
  client: PORTAL,
  service: PERSONS_SERVICE,
  purpose: 'data-subject-access',
  legalBasis: 'gdpr-art-15',
  status: 200,
  record: 'b'.repeat(64),
};

// The log: a message entry, two accesses to PERSON's data, one to someone else's, and (after
// the checkpoint of size 4) one more access to PERSON's data.
const entries: LogEntry[] = [
  message,
  accessEntry(1, 'nonce-1'),
  accessEntry(2, 'nonce-2'),
  accessEntry(3, 'nonce-3', OTHER_PERSON),
  accessEntry(4, 'nonce-4'),
];
const leaves = entries.map(encodeEntry);
const tree = memoryTree(leaves);
const CHECKPOINT_SIZE = 4;

const verified = recordOf(entries[2] as AccessEntry, 2, 'nonce-2');
const afterCheckpoint = recordOf(entries[4] as AccessEntry, 4, 'nonce-4');

function checkpointNote(signers: NoteSigner[], size = CHECKPOINT_SIZE): string {
  return signNote(formatCheckpoint({ origin: ORIGIN, size, root: rootHash(size, tree) }), signers);
}

const logSigner = noteSigner(logKey.skey);
const witnessCosigner = cosigner(witnessKey.skey);
const trusted = trustLog(
  pinLogKey(null, logKey.vkey),
  witnesses,
  checkpointNote([logSigner, witnessCosigner]),
);

/** The proof an honest log server answers for `index` in the checkpoint's tree. */
function proofOf(index: number, size = CHECKPOINT_SIZE): InclusionProof {
  return {
    index,
    size,
    leafHash: toBase64(leafHash(leaves[index]!)),
    proof: buildInclusionProof(index, size, tree).map(toBase64),
  };
}

function flipFirstByte(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
  bytes[0] = bytes[0]! ^ 0x01;
  return toBase64(bytes);
}

describe('trusting the log', () => {
  it('pins the log key on first use and keeps it while the same key is served', () => {
    expect(pinLogKey(null, `${logKey.vkey}\n`)).toEqual({ kind: 'first-use', key: logKey.vkey });
    expect(pinLogKey(logKey.vkey, logKey.vkey)).toEqual({ kind: 'pinned', key: logKey.vkey });
  });

  it('opens a checkpoint signed by the pinned key and counts the witnesses that cosigned it', () => {
    expect(trusted).toEqual({
      kind: 'trusted',
      origin: ORIGIN,
      size: CHECKPOINT_SIZE,
      root: rootHash(CHECKPOINT_SIZE, tree),
      cosignedBy: ['witness.example'],
    });
  });

  it('trusts a checkpoint the witness has not cosigned, reporting no cosignatures', () => {
    const trust = trustLog(pinLogKey(logKey.vkey, logKey.vkey), witnesses, checkpointNote([logSigner]));
    expect(trust).toMatchObject({ kind: 'trusted', cosignedBy: [] });
  });

  it('refuses a checkpoint signed by another key, even one the witness cosigned', () => {
    const impostor = noteSigner(generateSigningKey(ORIGIN).skey);
    const trust = trustLog(
      pinLogKey(logKey.vkey, logKey.vkey),
      witnesses,
      checkpointNote([impostor, witnessCosigner]),
    );
    expect(trust).toEqual({ kind: 'untrusted', reason: 'checkpoint-invalid' });
  });

  it('refuses a checkpoint whose body was altered after signing', () => {
    const note = checkpointNote([logSigner]).replace(`\n${CHECKPOINT_SIZE}\n`, `\n${CHECKPOINT_SIZE + 1}\n`);
    expect(trustLog(pinLogKey(logKey.vkey, logKey.vkey), witnesses, note)).toEqual({
      kind: 'untrusted',
      reason: 'checkpoint-invalid',
    });
  });

  it('refuses the log when it is served with a key other than the pinned one', () => {
    const otherKey = generateSigningKey(ORIGIN);
    const pin = pinLogKey(logKey.vkey, otherKey.vkey);
    expect(pin).toEqual({ kind: 'changed', pinned: logKey.vkey, served: otherKey.vkey });
    // Even a checkpoint properly signed by the newly served key is not accepted.
    const note = signNote(
      formatCheckpoint({ origin: ORIGIN, size: CHECKPOINT_SIZE, root: rootHash(CHECKPOINT_SIZE, tree) }),
      [noteSigner(otherKey.skey)],
    );
    expect(trustLog(pin, { ...witnesses, logKey: otherKey.vkey }, note)).toEqual({
      kind: 'untrusted',
      reason: 'log-key-changed',
    });
  });

  it('refuses a malformed log key', () => {
    expect(trustLog(pinLogKey(null, 'not-a-key'), witnesses, checkpointNote([logSigner]))).toEqual({
      kind: 'untrusted',
      reason: 'log-key-invalid',
    });
  });
});

describe('verifying a usage record', () => {
  it('verifies a record whose entry is in the checkpoint, about this person, saying what the record says', () => {
    expect(verifyUsage(verified, PERSON, trusted, proofOf(2))).toEqual({
      state: 'verified',
      checkpointSize: CHECKPOINT_SIZE,
    });
  });

  it('is pending for an entry logged after the checkpoint', () => {
    expect(verifyUsage(afterCheckpoint, PERSON, trusted, null)).toEqual({ state: 'pending' });
  });

  it('fails a pending record whose entry is about someone else (the entry is checked before the proof)', () => {
    expect(verifyUsage(afterCheckpoint, OTHER_PERSON, trusted, null)).toEqual({
      state: 'failed',
      reason: 'not-about-you',
    });
  });

  it('fails every record when the log is not trusted', () => {
    const untrusted: LogTrust = { kind: 'untrusted', reason: 'log-key-changed' };
    expect(verifyUsage(verified, PERSON, untrusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'log-key-changed',
    });
    expect(verifyUsage(afterCheckpoint, PERSON, untrusted, null)).toEqual({
      state: 'failed',
      reason: 'log-key-changed',
    });
  });

  it('fails an entry altered together with the record: the log holds other bytes at that position', () => {
    const altered = { ...(entries[2] as AccessEntry), purpose: 'debt collection' };
    const record = { ...recordOf(altered, 2, 'nonce-2') };
    expect(verifyUsage(record, PERSON, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'not-in-log',
    });
  });

  it.each([
    ['purpose', { purpose: 'another purpose' }],
    ['legalBasis', { legalBasis: 'another law' }],
    ['time', { logTime: '2026-03-02T10:00:01.000Z' }],
    ['queryId', { queryId: 'query-99' }],
    ['categories', { dataCategories: ['identity', 'addresses'] }],
  ] satisfies Array<[EntryField, Partial<UsageRecord>]>)(
    'fails a record whose %s differs from its entry',
    (field, change) => {
      expect(verifyUsage({ ...verified, ...change }, PERSON, trusted, proofOf(2))).toEqual({
        state: 'failed',
        reason: 'entry-mismatch',
        field,
      });
    },
  );

  it('fails a record naming another organisation or register than its entry', () => {
    const otherOrg = {
      ...verified,
      initiatorOrg: { ...verified.initiatorOrg, id: 'BG/GOV/000695235/police' },
    };
    expect(verifyUsage(otherOrg, PERSON, trusted, proofOf(2))).toMatchObject({
      reason: 'entry-mismatch',
      field: 'client',
    });
    const otherService = {
      ...verified,
      receiver: { ...verified.receiver, service: `${PORTAL}/data-tracker` },
    };
    expect(verifyUsage(otherService, PERSON, trusted, proofOf(2))).toMatchObject({
      reason: 'entry-mismatch',
      field: 'service',
    });
  });

  it('fails a record whose entry is not an access (a message entry)', () => {
    const record = { ...verified, logIndex: 0, entry: toBase64(encodeEntry(message)) };
    expect(verifyUsage(record, PERSON, trusted, proofOf(0))).toEqual({
      state: 'failed',
      reason: 'entry-mismatch',
      field: 'kind',
    });
  });

  it('fails a record with the wrong nonce, or shown to another person', () => {
    expect(verifyUsage({ ...verified, nonce: 'nonce-1' }, PERSON, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'not-about-you',
    });
    expect(verifyUsage(verified, OTHER_PERSON, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'not-about-you',
    });
  });

  it("verifies an auditor's record without knowing whose it is: its content and its place in the log", () => {
    expect(verifyUsage(verified, null, trusted, proofOf(2))).toEqual({
      state: 'verified',
      checkpointSize: CHECKPOINT_SIZE,
    });
    const someoneElses = recordOf(entries[3] as AccessEntry, 3, 'nonce-3');
    expect(verifyUsage(someoneElses, null, trusted, proofOf(3))).toEqual({
      state: 'verified',
      checkpointSize: CHECKPOINT_SIZE,
    });
    expect(verifyUsage({ ...verified, purpose: 'debt collection' }, null, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'entry-mismatch',
      field: 'purpose',
    });
    expect(verifyUsage({ ...verified, logIndex: 1 }, null, trusted, proofOf(1))).toMatchObject({
      state: 'failed',
    });
  });

  it("fails someone else's access presented as this person's", () => {
    const record = recordOf(entries[3] as AccessEntry, 3, 'nonce-3');
    expect(verifyUsage(record, PERSON, trusted, proofOf(3))).toEqual({
      state: 'failed',
      reason: 'not-about-you',
    });
  });

  it('fails a record that claims another position in the log', () => {
    expect(verifyUsage({ ...verified, logIndex: 1 }, PERSON, trusted, proofOf(1))).toEqual({
      state: 'failed',
      reason: 'not-in-log',
    });
  });

  it('fails a tampered proof', () => {
    const proof = proofOf(2);
    const tampered = { ...proof, proof: [flipFirstByte(proof.proof[0]!), ...proof.proof.slice(1)] };
    expect(verifyUsage(verified, PERSON, trusted, tampered)).toEqual({
      state: 'failed',
      reason: 'not-in-log',
    });
    const shortened = { ...proof, proof: proof.proof.slice(1) };
    expect(verifyUsage(verified, PERSON, trusted, shortened)).toEqual({
      state: 'failed',
      reason: 'proof-invalid',
    });
    const garbled = { ...proof, proof: ['not base64!', ...proof.proof.slice(1)] };
    expect(verifyUsage(verified, PERSON, trusted, garbled)).toEqual({
      state: 'failed',
      reason: 'proof-invalid',
    });
  });

  it('fails a proof for another position or tree size than asked for', () => {
    expect(verifyUsage(verified, PERSON, trusted, proofOf(1))).toEqual({
      state: 'failed',
      reason: 'proof-invalid',
    });
    expect(verifyUsage(verified, PERSON, trusted, proofOf(2, 3))).toEqual({
      state: 'failed',
      reason: 'proof-invalid',
    });
  });

  it('fails when the proof could not be fetched', () => {
    expect(verifyUsage(verified, PERSON, trusted, null)).toEqual({
      state: 'failed',
      reason: 'log-unavailable',
    });
  });

  it('fails entry bytes that are not a canonical log entry', () => {
    const spaced = toBase64(new TextEncoder().encode(JSON.stringify(entries[2], null, 1)));
    expect(verifyUsage({ ...verified, entry: spaced }, PERSON, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'entry-unreadable',
    });
    expect(verifyUsage({ ...verified, entry: '%%%' }, PERSON, trusted, proofOf(2))).toEqual({
      state: 'failed',
      reason: 'entry-unreadable',
    });
  });
});
