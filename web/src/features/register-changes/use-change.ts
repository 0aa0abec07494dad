import type { RegisterChangeResult } from '@civitas/contracts/api/register-changes.ts';
import { useState } from 'react';
import { ApiError } from '../../shared/api/api-error.ts';
import type { ChangeState } from './ChangeOutcome.tsx';

/** Sends a change once at a time and keeps what became of it. */
export function useChange<R>(send: (request: R) => Promise<RegisterChangeResult>) {
  const [state, setState] = useState<ChangeState>({ kind: 'idle' });
  async function run(request: R) {
    setState({ kind: 'sending' });
    try {
      setState({ kind: 'done', result: await send(request) });
    } catch (error) {
      // An expired session has already gone back to sign-in.
      if (error instanceof ApiError && error.status === 401) return;
      setState({ kind: 'failed', error });
    }
  }
  return { state, run, busy: state.kind === 'sending' };
}
