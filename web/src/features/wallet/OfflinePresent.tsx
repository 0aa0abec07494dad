import type { OfflineRequest } from '@civitas/wallet/offline/index.ts';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import type { CredentialMatch } from './dcql-match.ts';
import { answerOffline, matchOfflineRequest, OfflineRequestError, readOfflineRequest } from './offline.ts';
import { Consent, VerifierCard } from './PresentScreen.tsx';
import { verifierTrustAnchors } from './presentation.ts';
import type { OpenWallet } from './vault.ts';

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; key: string }
  | { kind: 'asking'; request: OfflineRequest; matches: CredentialMatch[] }
  | { kind: 'unanswerable'; request: OfflineRequest }
  | { kind: 'answered'; qr: string };

async function prepare(wallet: OpenWallet, text: string): Promise<Step> {
  const request = await readOfflineRequest(text, await verifierTrustAnchors());
  const result = matchOfflineRequest(request, await wallet.credentials());
  return result.ok ? { kind: 'asking', request, matches: result.matches } : { kind: 'unanswerable', request };
}

const failureKey = (error: unknown) =>
  error instanceof OfflineRequestError
    ? `wallet.offline.errors.${error.reason}`
    : 'wallet.present.errors.trust-unavailable';

/** A verifier's offline request QR: who asks and what, then the answer shown as a QR code. */
export function OfflinePresent({
  wallet,
  text,
  onClose,
}: {
  wallet: OpenWallet;
  text: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  useEffect(() => {
    prepare(wallet, text).then(setStep, (error: unknown) =>
      setStep({ kind: 'failed', key: failureKey(error) }),
    );
  }, [wallet, text]);
  const close = (
    <div>
      <Button variant="secondary" onClick={onClose}>
        {t('wallet.details.back')}
      </Button>
    </div>
  );
  if (step.kind === 'loading') return <LoadingIndicator label={t('wallet.present.loading')} />;
  if (step.kind === 'failed') {
    return (
      <>
        <Alert tone="error" title={t('wallet.present.failed')}>
          {t(step.key as 'wallet.present.failed')}
        </Alert>
        {close}
      </>
    );
  }
  if (step.kind === 'answered') {
    return (
      <Card title={t('wallet.offline.answerTitle')}>
        <div className="stack">
          <p>{t('wallet.offline.answerHelp')}</p>
          <img className="wallet-answer-qr" src={step.qr} alt={t('wallet.offline.answerAlt')} />
          {close}
        </div>
      </Card>
    );
  }
  const { verifier, client_id: clientId, check } = step.request.claims;
  const asker = {
    name: verifier.name,
    organisation: verifier.organisation,
    host: clientId.slice('x509_san_dns:'.length),
    checks: verifier.checks.length > 0 ? verifier.checks : [check],
  };
  return (
    <>
      <VerifierCard asker={asker} />
      {step.kind === 'unanswerable' ? (
        <>
          <Alert tone="warning">{t('wallet.present.noDocument')}</Alert>
          {close}
        </>
      ) : (
        <Consent
          matches={step.matches}
          onDecline={onClose}
          onShare={async (leftOut) => {
            const match = step.matches[0] as CredentialMatch;
            try {
              const answer = await answerOffline(
                wallet,
                step.request,
                match,
                leftOut.get(match.queryId) ?? new Set(),
              );
              const qr = await QRCode.toDataURL(answer, { errorCorrectionLevel: 'L', margin: 2, width: 512 });
              setStep({ kind: 'answered', qr });
              return null;
            } catch {
              return 'wallet.offline.tooLarge';
            }
          }}
        />
      )}
    </>
  );
}
