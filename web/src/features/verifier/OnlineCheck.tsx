import type {
  VerificationStarted,
  VerificationState,
  VerifierCheck,
} from '@civitas/contracts/api/wallet-verifier.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { qrDataUrl } from '../../shared/ui/qr-image.ts';
import { VerdictView } from './VerdictView.tsx';
import { startVerification, verificationState } from './verifier-client.ts';

const POLL_MS = 1500;

/** Online (OpenID4VP): the QR for another phone, the link for this one, then the verdict. */
export function OnlineCheck({ check }: { check: VerifierCheck }) {
  const { t } = useTranslation();
  const [started, setStarted] = useState<(VerificationStarted & { qr: string }) | null>(null);
  const [state, setState] = useState<VerificationState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setBusy(true);
    setError(null);
    setState(null);
    try {
      const answer = await startVerification(check);
      setStarted({ ...answer, qr: await qrDataUrl(answer.link) });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    if (!started) return;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const next = await verificationState(started.id, controller.signal);
        setState(next);
        if (next.status === 'pending' && new Date(next.expiresAt) > new Date())
          timer = setTimeout(poll, POLL_MS);
      } catch (failure) {
        if (!controller.signal.aborted) setError(failure);
      }
    };
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [started]);

  const done = state && state.status !== 'pending';
  return (
    <div className="stack">
      <Button onClick={() => void start()} disabled={busy}>
        {started ? t('verifier.startAgain') : t('verifier.start')}
      </Button>
      {error !== null && <Alert tone="error" title={describeError(error, t).title} />}
      {started && !done && (
        <div className="verifier-request stack">
          <img className="verifier-request__qr" src={started.qr} alt={t('verifier.qrAlt')} />
          <p>{t('verifier.scanHint')}</p>
          <p>
            <a href={started.link}>{t('verifier.sameDevice')}</a>
          </p>
          <p role="status">{t('verifier.waiting')}</p>
        </div>
      )}
      {done && <VerdictView result={state.result} failureCode={state.failureCode} />}
    </div>
  );
}
