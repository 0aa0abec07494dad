import { useEffect, useState } from 'react';
import { fetchConsistencyProof } from '../../shared/api/log-client.ts';
import { type OpenedLog, openLog } from '../../shared/api/use-usage-verification.ts';
import {
  type Consistency,
  checkConsistency,
  needsConsistencyProof,
  seenCheckpointOf,
} from './log-consistency.ts';
import { readSeenCheckpoint, saveSeenCheckpoint } from './seen-checkpoint.ts';

export type AuditLogState =
  | { kind: 'checking' }
  /** `consistency` is null when the log itself could not be trusted. */
  | { kind: 'ready'; log: OpenedLog; consistency: Consistency | null };

/**
 * Opens the public log as the citizen's screen does (pinned key, signed and cosigned checkpoint),
 * then proves the checkpoint consistent with the last one this browser verified, and keeps it
 * for the next check unless the proof failed. `recheck` does it all again.
 */
export function useAuditLog(): { state: AuditLogState; recheck: () => void } {
  const [state, setState] = useState<AuditLogState>({ kind: 'checking' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the recheck trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'checking' });
    openAuditLog(controller.signal).then(setState, () => undefined);
    return () => controller.abort();
  }, [attempt]);

  return { state, recheck: () => setAttempt((value) => value + 1) };
}

async function openAuditLog(signal: AbortSignal): Promise<AuditLogState> {
  const log = await openLog(signal);
  if (log.trust.kind !== 'trusted') return { kind: 'ready', log, consistency: null };
  const seen = readSeenCheckpoint();
  let proof: string[] | null = null;
  if (needsConsistencyProof(seen, log.trust)) {
    const { size } = log.trust;
    proof = await fetchConsistencyProof(seen.size, size, signal).then(
      (answer) => (answer.from === seen.size && answer.to === size ? answer.proof : null),
      () => null,
    );
  }
  if (signal.aborted) throw new DOMException('aborted', 'AbortError');
  const consistency = checkConsistency(seen, log.trust, proof);
  if (consistency.kind !== 'failed') saveSeenCheckpoint(seenCheckpointOf(log.trust));
  return { kind: 'ready', log, consistency };
}
