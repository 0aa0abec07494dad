import type { UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import { useEffect, useRef, useState } from 'react';
import { fetchCheckpoint, fetchInclusionProof, fetchLogWitnesses } from './log-client.ts';
import { readPinnedLogKey, savePinnedLogKey } from './log-key-pin.ts';
import {
  type LogKeyPin,
  type LogTrust,
  needsInclusionProof,
  pinLogKey,
  trustLog,
  type UsageCheck,
  verifyUsage,
} from './verify-usage.ts';

/** The log as the browser found it: `pin` is null when the log could not be fetched. */
export type OpenedLog = { kind: 'ready'; trust: LogTrust; pin: LogKeyPin | null };

export type LogState = { kind: 'checking' } | OpenedLog;

/** Proof requests in flight at once: enough to be quick, few enough to be kind to the server. */
const CONCURRENT_PROOFS = 4;

/** Opens the log: the witnesses and pinned key, then the latest checkpoint. */
export async function openLog(signal: AbortSignal): Promise<OpenedLog> {
  let witnesses: Awaited<ReturnType<typeof fetchLogWitnesses>>;
  let note: string;
  try {
    [witnesses, note] = await Promise.all([fetchLogWitnesses(signal), fetchCheckpoint(signal)]);
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'ready', trust: { kind: 'untrusted', reason: 'log-unavailable' }, pin: null };
  }
  const pin = pinLogKey(readPinnedLogKey(), witnesses.logKey);
  const trust = trustLog(pin, witnesses, note);
  // Pin only a key that signed a valid checkpoint, so a broken first answer is not pinned for good.
  if (pin.kind === 'first-use' && trust.kind === 'trusted') savePinnedLogKey(pin.key);
  return { kind: 'ready', trust, pin };
}

/**
 * Verifies each record shown against the public log, in the browser: once the log is open,
 * every record not yet checked (new pages too) gets its inclusion proof and its check.
 */
export function useUsageVerification(
  records: readonly UsageRecord[],
  personalNumber: string | null,
): { log: LogState; checks: ReadonlyMap<string, UsageCheck> } {
  const [log, setLog] = useState<LogState>({ kind: 'checking' });

  useEffect(() => {
    const controller = new AbortController();
    openLog(controller.signal).then(setLog, () => undefined);
    return () => controller.abort();
  }, []);

  // The citizen's records must all be about them: without a subject, none verifies.
  const checks = useRecordChecks(records, personalNumber ?? '', log);
  return { log, checks };
}

/**
 * Checks each record against a log opened elsewhere (see openLog). `personalNumber`: the person
 * every record must be about, or null when they may be about anyone (see verifyUsage).
 */
export function useRecordChecks(
  records: readonly UsageRecord[],
  personalNumber: string | null,
  log: LogState,
): ReadonlyMap<string, UsageCheck> {
  const [checks, setChecks] = useState<ReadonlyMap<string, UsageCheck>>(() => new Map());
  const started = useRef(new Set<string>());
  const checkedAgainst = useRef<LogState | null>(null);

  useEffect(() => {
    if (log.kind !== 'ready') return;
    // A log opened anew (a newer checkpoint) checks every record again.
    if (checkedAgainst.current !== log) {
      if (checkedAgainst.current !== null) {
        started.current.clear();
        setChecks(new Map());
      }
      checkedAgainst.current = log;
    }
    const todo = records.filter((record) => !started.current.has(record.id));
    if (todo.length === 0) return;
    for (const record of todo) started.current.add(record.id);
    const controller = new AbortController();
    const { signal } = controller;
    const finished = new Set<string>();

    const check = async (record: UsageRecord) => {
      const proof = needsInclusionProof(record, log.trust)
        ? await fetchInclusionProof(record.logIndex, trustedSize(log.trust), signal).catch(() => null)
        : null;
      if (signal.aborted) return;
      const result = verifyUsage(record, personalNumber, log.trust, proof);
      finished.add(record.id);
      setChecks((current) => new Map(current).set(record.id, result));
    };
    const queue = [...todo];
    const worker = async () => {
      for (let record = queue.shift(); record && !signal.aborted; record = queue.shift()) await check(record);
    };
    for (let i = 0; i < CONCURRENT_PROOFS; i++) void worker();

    return () => {
      controller.abort();
      // Checks cut short are started again by the next run.
      for (const record of todo) if (!finished.has(record.id)) started.current.delete(record.id);
    };
  }, [log, records, personalNumber]);

  return checks;
}

function trustedSize(trust: LogTrust): number {
  return trust.kind === 'trusted' ? trust.size : 0;
}
