import type { VerifierCheck } from '@civitas/contracts/api/wallet-verifier.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { OfflineCheck } from './OfflineCheck.tsx';
import { OnlineCheck } from './OnlineCheck.tsx';
import { fetchVerifier } from './verifier-client.ts';
import './verifier.css';

/** Police, officials and a shop's till: choose a check, show the QR, read the verdict. Online or offline. */
export function VerifierScreen() {
  const { t } = useTranslation();
  const verifier = useApiResource(fetchVerifier);
  const [check, setCheck] = useState<VerifierCheck | null>(null);
  const [mode, setMode] = useState<'online' | 'offline'>('online');
  const name = useId();

  return (
    <div className="stack">
      <PageHeading title={t('verifier.title')}>{t('verifier.title')}</PageHeading>
      {verifier.state.kind === 'loading' && <LoadingIndicator label={t('verifier.loading')} />}
      {verifier.state.kind === 'failed' && (
        <LoadFailed
          title={t('verifier.loadFailed')}
          error={verifier.state.error}
          retryLabel={t('verifier.retry')}
          onRetry={verifier.retry}
        />
      )}
      {verifier.state.kind === 'loaded' && (
        <>
          <p className="lead">
            {t('verifier.actingFor', {
              name: verifier.state.value.name,
              organisation: verifier.state.value.organisation,
            })}
          </p>
          <fieldset className="verifier-choice">
            <legend>{t('verifier.chooseCheck')}</legend>
            {verifier.state.value.checks.map((id) => (
              <label key={id} className="verifier-choice__option">
                <input
                  type="radio"
                  name={name}
                  value={id}
                  checked={check === id}
                  onChange={() => setCheck(id)}
                />
                {t(`verifier.checks.${id}`)}
              </label>
            ))}
          </fieldset>
          <fieldset className="verifier-choice">
            <legend>{t('verifier.mode')}</legend>
            {(['online', 'offline'] as const).map((value) => (
              <label key={value} className="verifier-choice__option">
                <input
                  type="radio"
                  name={`${name}-mode`}
                  value={value}
                  checked={mode === value}
                  onChange={() => setMode(value)}
                />
                {t(`verifier.modes.${value}`)}
              </label>
            ))}
          </fieldset>
          {check && mode === 'online' && <OnlineCheck key={check} check={check} />}
          {check && mode === 'offline' && <OfflineCheck key={check} check={check} />}
        </>
      )}
    </div>
  );
}
