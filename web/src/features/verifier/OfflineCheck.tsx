import type {
  OfflineRequests,
  VerificationResult,
  VerifierCheck,
} from '@civitas/contracts/api/wallet-verifier.ts';
import { offlineRequestText } from '@civitas/wallet/offline/index.ts';
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { QrCamera } from '../../shared/ui/QrCamera.tsx';
import { qrDataUrl } from '../../shared/ui/qr-image.ts';
import { readQrFromFile } from '../../shared/ui/read-qr.ts';
import { cachedBundle, saveBundle, takeRequest } from './offline-cache.ts';
import { verifyOfflineResponse } from './offline-verify.ts';
import { VerdictView } from './VerdictView.tsx';
import { fetchOfflineBundle } from './verifier-client.ts';

const BATCH = 10;

type Outcome = { result: VerificationResult | null; failureCode: string | null };

/** Minutes since the cache was fetched, in words. */
function useCacheAge(fetchedAt: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);
  return fetchedAt ? Math.max(0, Math.floor((now - new Date(fetchedAt).getTime()) / 60_000)) : null;
}

/** Offline: a signed request QR from the cache, the wallet's answer read by camera or from a photo, checked here. */
export function OfflineCheck({ check }: { check: VerifierCheck }) {
  const { t } = useTranslation();
  const fileId = useId();
  const [bundle, setBundle] = useState<OfflineRequests | null>(null);
  const [request, setRequest] = useState<{ nonce: string; qr: string } | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [camera, setCamera] = useState(false);
  const age = useCacheAge(bundle?.fetchedAt);

  const reload = useCallback(async () => setBundle(await cachedBundle(check)), [check]);
  useEffect(() => {
    void reload();
  }, [reload]);

  async function prepare() {
    setError(null);
    try {
      await saveBundle(await fetchOfflineBundle(check, BATCH));
      await reload();
    } catch (failure) {
      setError(failure);
    }
  }

  async function showRequest() {
    setOutcome(null);
    const next = await takeRequest(check);
    await reload();
    setRequest(next ? { nonce: next.nonce, qr: await qrDataUrl(await offlineRequestText(next.jws)) } : null);
    if (!next) setError(new Error(t('verifier.offline.noRequests')));
  }

  async function verify(text: string | null) {
    setCamera(false);
    if (!request || !bundle) return;
    if (!text) return setOutcome({ result: null, failureCode: 'offline-payload-invalid' });
    const checked = await verifyOfflineResponse(text, { nonce: request.nonce, check }, bundle);
    setOutcome(
      checked.kind === 'verified'
        ? { result: checked.result, failureCode: null }
        : { result: null, failureCode: checked.code },
    );
  }

  return (
    <div className="stack">
      <p data-testid="cache-age">
        {age === null
          ? t('verifier.offline.noCache')
          : t('verifier.offline.cacheAge', { count: age, requests: bundle?.requests.length ?? 0 })}
      </p>
      <Button variant="secondary" onClick={() => void prepare()}>
        {t('verifier.offline.prepare')}
      </Button>
      {error !== null && (
        <Alert
          tone="error"
          title={
            error instanceof Error && !('status' in error) ? error.message : describeError(error, t).title
          }
        />
      )}
      {bundle && <Button onClick={() => void showRequest()}>{t('verifier.offline.showRequest')}</Button>}
      {request && !outcome && (
        <div className="verifier-request stack">
          <img className="verifier-request__qr" src={request.qr} alt={t('verifier.offline.requestQrAlt')} />
          <p>{t('verifier.offline.scanHint')}</p>
          <label htmlFor={fileId}>{t('verifier.offline.fromPhoto')}</label>
          <input
            id={fileId}
            type="file"
            accept="image/*"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void readQrFromFile(file).then(verify);
            }}
          />
          {camera ? (
            <QrCamera
              label={t('verifier.cameraLabel')}
              stopLabel={t('verifier.closeCamera')}
              onRead={(text) => void verify(text)}
              onClose={() => setCamera(false)}
              onError={(failure) => {
                setCamera(false);
                setError(failure);
              }}
            />
          ) : (
            <Button variant="secondary" onClick={() => setCamera(true)}>
              {t('verifier.offline.camera')}
            </Button>
          )}
        </div>
      )}
      {outcome && <VerdictView result={outcome.result} failureCode={outcome.failureCode} />}
    </div>
  );
}
