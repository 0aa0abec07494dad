import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/api-error.ts';
import { describeError } from '../api/describe-error.ts';
import { Alert } from '../ui/Alert.tsx';
import { Button } from '../ui/Button.tsx';
import { LoadingIndicator } from '../ui/LoadingIndicator.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { ConfirmDataForm } from './ConfirmDataForm.tsx';
import { fetchPrefill } from './fetch-prefill.ts';
import { PARKING_PERMIT_CODE, PARKING_PERMIT_FIELDS } from './parking-permit-fields.ts';
import type { Prefill } from './prefill.ts';

type PrefillState =
  | { kind: 'loading' }
  | { kind: 'loaded'; prefill: Prefill }
  | { kind: 'failed'; error: unknown };

/** "Confirm your data" for the resident parking permit: the form the state registers filled in. */
export function ParkingPermitScreen() {
  const { t } = useTranslation();
  const [state, setState] = useState<PrefillState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    fetchPrefill(PARKING_PERMIT_CODE, controller.signal).then(
      (prefill) => setState({ kind: 'loaded', prefill }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // A 401 has already sent the person back to sign-in; nothing more to show here.
        if (error instanceof ApiError && error.status === 401) return;
        setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  return (
    <div className="stack">
      <PageHeading title={t('confirmData.title')}>{t('confirmData.title')}</PageHeading>
      <p className="secondary-text">
        {t('confirmData.service', { service: t('eservices.parkingPermit.title') })}
      </p>
      {state.kind === 'loading' && <LoadingIndicator label={t('confirmData.loading')} />}
      {state.kind === 'failed' && (
        <PrefillLoadError error={state.error} onRetry={() => setAttempt((value) => value + 1)} />
      )}
      {state.kind === 'loaded' && <ConfirmDataForm prefill={state.prefill} fields={PARKING_PERMIT_FIELDS} />}
    </div>
  );
}

function PrefillLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('confirmData.loadFailed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
      <Button onClick={onRetry}>{t('confirmData.retry')}</Button>
    </Alert>
  );
}
