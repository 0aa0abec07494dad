import type { Passkey } from '@civitas/contracts/api/passkeys.ts';
import { browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { TextField } from '../../shared/ui/FormFields.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import {
  deviceErrorOf,
  fetchPasskeys,
  guessDeviceName,
  registerPasskey,
  removePasskey,
} from './passkeys-api.ts';
import './PasskeysCard.css';

type Notice = { tone: 'success' | 'error'; text: string; detail?: string | null } | null;

/**
 * The person's passkeys with the eID: register one for this device (then sign in here without
 * the PIN), see where they have one, remove one. Shown on the profile and the wallet screens.
 */
export function PasskeysCard({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const { state, retry } = useApiResource(fetchPasskeys);
  const [notice, setNotice] = useState<Notice>(null);
  const failed = (error: unknown) => {
    const device = deviceErrorOf(error);
    if (device) return setNotice({ tone: 'error', text: t(`passkeys.deviceErrors.${device}`) });
    const description = describeError(error, t);
    setNotice({ tone: 'error', text: description.title, detail: description.detail });
  };

  return (
    <Card title={t('passkeys.title')} headingLevel={headingLevel}>
      <div className="stack">
        <p>{t('passkeys.intro')}</p>
        {notice && (
          <Alert tone={notice.tone}>
            <p>{notice.text}</p>
            {notice.detail && <p>{notice.detail}</p>}
          </Alert>
        )}
        {state.kind === 'loading' && <LoadingIndicator label={t('passkeys.loading')} />}
        {state.kind === 'failed' && (
          <LoadFailed
            title={t('passkeys.loadFailed')}
            error={state.error}
            retryLabel={t('passkeys.retry')}
            onRetry={retry}
          />
        )}
        {state.kind === 'loaded' && (
          <PasskeyItems
            passkeys={state.value}
            onRemoved={(passkey) => {
              setNotice({ tone: 'success', text: t('passkeys.removed', { name: passkey.deviceName }) });
              retry();
            }}
            onFailed={failed}
          />
        )}
        <RegisterForm
          onRegistered={(passkey) => {
            setNotice({ tone: 'success', text: t('passkeys.registered', { name: passkey.deviceName }) });
            retry();
          }}
          onFailed={failed}
        />
      </div>
    </Card>
  );
}

function PasskeyItems({
  passkeys,
  onRemoved,
  onFailed,
}: {
  passkeys: Passkey[];
  onRemoved: (passkey: Passkey) => void;
  onFailed: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  if (passkeys.length === 0) return <p className="passkeys__empty">{t('passkeys.none')}</p>;
  return (
    <ul className="passkeys" aria-label={t('passkeys.listLabel')}>
      {passkeys.map((passkey) => (
        <PasskeyItem key={passkey.id} passkey={passkey} onRemoved={onRemoved} onFailed={onFailed} />
      ))}
    </ul>
  );
}

const LEVELS: Record<string, 'low' | 'substantial'> = {
  'http://eidas.europa.eu/LoA/low': 'low',
  'http://eidas.europa.eu/LoA/substantial': 'substantial',
};

function PasskeyItem({
  passkey,
  onRemoved,
  onFailed,
}: {
  passkey: Passkey;
  onRemoved: (passkey: Passkey) => void;
  onFailed: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The button pressed goes away: the confirmation's takes the focus, so keyboards stay in place.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);
  const level = LEVELS[passkey.level] ?? 'low';
  const remove = async () => {
    setBusy(true);
    try {
      await removePasskey(passkey.id);
      onRemoved(passkey);
    } catch (error) {
      onFailed(error);
      setBusy(false);
    }
  };
  return (
    <li className="passkeys__item">
      <div className="passkeys__heading">
        <span className="passkeys__name">{passkey.deviceName}</span>
        <Badge tone={level === 'substantial' ? 'success' : 'neutral'}>{t(`passkeys.levels.${level}`)}</Badge>
      </div>
      <p className="passkeys__meta">
        {t('passkeys.added', { when: format.dateTime(passkey.createdAt) })}
        <br />
        {passkey.lastUsedAt
          ? t('passkeys.lastUsed', { when: format.dateTime(passkey.lastUsedAt) })
          : t('passkeys.neverUsed')}
        {passkey.synced && (
          <>
            <br />
            {t('passkeys.synced')}
          </>
        )}
      </p>
      {confirming ? (
        <div className="passkeys__confirm">
          <p>{t('passkeys.confirmRemove', { name: passkey.deviceName })}</p>
          <Button ref={confirmButton} onClick={remove} disabled={busy}>
            {t('passkeys.remove')}
          </Button>
          <Button variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            {t('passkeys.keep')}
          </Button>
        </div>
      ) : (
        <Button
          variant="secondary"
          onClick={() => setConfirming(true)}
          aria-label={t('passkeys.removeNamed', { name: passkey.deviceName })}
        >
          {t('passkeys.remove')}
        </Button>
      )}
    </li>
  );
}

function RegisterForm({
  onRegistered,
  onFailed,
}: {
  onRegistered: (passkey: Passkey) => void;
  onFailed: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(() => guessDeviceName(navigator.userAgent) ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!browserSupportsWebAuthn()) return <p>{t('passkeys.deviceErrors.unsupported')}</p>;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const deviceName = name.trim();
    if (deviceName.length === 0 || deviceName.length > 64) {
      setError(t('passkeys.nameRequired'));
      return;
    }
    setError(null);
    setBusy(true);
    try {
      onRegistered(await registerPasskey(deviceName));
    } catch (failure) {
      onFailed(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="passkeys__form stack" onSubmit={submit} noValidate>
      <TextField
        id="passkey-device-name"
        label={t('passkeys.deviceName')}
        hint={t('passkeys.deviceNameHint')}
        value={name}
        error={error}
        maxLength={64}
        onChange={setName}
      />
      <Button type="submit" disabled={busy}>
        {busy ? t('passkeys.registering') : t('passkeys.register')}
      </Button>
    </form>
  );
}
