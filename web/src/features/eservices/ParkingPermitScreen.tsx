import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { ConfirmDataForm } from './ConfirmDataForm.tsx';
import { fetchPrefill } from './fetch-prefill.ts';
import { NotEligible } from './NotEligible.tsx';
import { PARKING_PERMIT_CODE, PARKING_PERMIT_FIELDS } from './parking-permit-fields.ts';

/**
 * The resident parking permit: "Confirm your data", the form the state registers filled in, once
 * the registers say the citizen may apply; otherwise why they cannot.
 */
export function ParkingPermitScreen() {
  const { t } = useTranslation();
  const { state, retry } = useApiResource((signal) => fetchPrefill(PARKING_PERMIT_CODE, signal));

  // Someone who cannot apply has nothing to confirm: the page is about the service itself.
  const notEligible = state.kind === 'loaded' && state.value.eligibility.status === 'not-eligible';
  const title = notEligible ? t('eservices.parkingPermit.title') : t('confirmData.title');
  return (
    <div className="stack">
      <PageHeading title={title}>{title}</PageHeading>
      {!notEligible && (
        <p className="secondary-text">
          {t('confirmData.service', { service: t('eservices.parkingPermit.title') })}
        </p>
      )}
      {state.kind === 'loading' && <LoadingIndicator label={t('confirmData.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('confirmData.loadFailed')}
          error={state.error}
          retryLabel={t('confirmData.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && <Loaded prefill={state.value} />}
    </div>
  );
}

/** Who may not apply is told why; everyone else (or when the registers could not tell) gets the form. */
function Loaded({ prefill }: { prefill: ParkingPermitPrefill }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  if (prefill.eligibility.status === 'not-eligible')
    return <NotEligible prefill={prefill} language={language} />;
  return (
    <>
      {prefill.eligibility.status === 'unknown' && (
        <Alert tone="info" title={t('parkingPermit.eligibilityUnknown')} />
      )}
      <ConfirmDataForm prefill={prefill} fields={PARKING_PERMIT_FIELDS} />
    </>
  );
}
