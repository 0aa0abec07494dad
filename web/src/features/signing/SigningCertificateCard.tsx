import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { renewSigningKey, type SigningKey, signJades, storedSigningKey } from '../../shared/signing/index.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import '../../shared/ui/FormFields.css';
import { SIGNATURE_CHECK_PATH } from './paths.ts';
import './signing.css';

type KeyState = { kind: 'loading' } | { kind: 'none' } | { kind: 'held'; key: SigningKey };
type Notice = { tone: 'success' | 'error'; text: string; detail?: string | null } | null;

/**
 * "My signing certificate": the key this browser holds for the person's electronic signature
 * (an advanced electronic signature; the key never leaves the device) and its certificate from
 * the platform's CA: get one, see how long it is valid, renew it, and try it on a text.
 */
export function SigningCertificateCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [state, setState] = useState<KeyState>({ kind: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);

  const load = useCallback(async () => {
    try {
      const key = await storedSigningKey();
      setState(key ? { kind: 'held', key } : { kind: 'none' });
    } catch {
      setState({ kind: 'none' });
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  async function issue() {
    setBusy(true);
    setNotice(null);
    try {
      const key = await renewSigningKey();
      setState({ kind: 'held', key });
      setNotice({ tone: 'success', text: t('signing.issued') });
    } catch (error) {
      const description = describeError(error, t);
      setNotice({ tone: 'error', text: description.title, detail: description.detail });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('signing.title')}>
      <div className="stack">
        <p>{t('signing.intro')}</p>
        {notice && (
          <Alert tone={notice.tone}>
            <p>{notice.text}</p>
            {notice.detail && <p>{notice.detail}</p>}
          </Alert>
        )}
        {state.kind === 'loading' && <LoadingIndicator label={t('signing.loading')} />}
        {state.kind === 'none' && <p>{t('signing.none')}</p>}
        {state.kind === 'held' && (
          <div className="stack">
            <p className="signing__signer">
              {state.key.certificate.name}{' '}
              <Badge tone={state.key.certificate.revoked ? 'danger' : 'success'}>
                {t(state.key.certificate.revoked ? 'signing.revoked' : 'signing.valid')}
              </Badge>
            </p>
            <p className="signing__meta">
              {t('signing.validUntil', { when: format.dateTime(state.key.certificate.notAfter) })}
              <br />
              {t('signing.serial', { serial: state.key.certificate.serial })}
            </p>
          </div>
        )}
        {state.kind !== 'loading' && (
          <Button variant={state.kind === 'held' ? 'secondary' : 'primary'} disabled={busy} onClick={issue}>
            {t(state.kind === 'held' ? 'signing.renew' : 'signing.issue')}
          </Button>
        )}
        {state.kind === 'held' && <TrySigning />}
      </div>
    </Card>
  );
}

/** Signs a short text with the key, and shows the signed document to copy to the check page. */
function TrySigning() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [signed, setSigned] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const textId = useId();
  const signedId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (text.trim() === '') return setError(t('signing.try.empty'));
    setError(null);
    try {
      setSigned(await signJades({ text: text.trim() }));
    } catch (failure) {
      setError(describeError(failure, t).title);
    }
  }

  return (
    <form className="form" noValidate onSubmit={handleSubmit}>
      <div className={error ? 'form-group form-group--error' : 'form-group'}>
        <label className="form-label" htmlFor={textId}>
          {t('signing.try.label')}
        </label>
        {error && (
          <span id={`${textId}-error`} className="form-error">
            {error}
          </span>
        )}
        <input
          id={textId}
          className="form-input"
          maxLength={500}
          value={text}
          aria-describedby={error ? `${textId}-error` : undefined}
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <Button type="submit" variant="secondary">
        {t('signing.try.sign')}
      </Button>
      {signed && (
        <div className="form-group">
          <label className="form-label" htmlFor={signedId}>
            {t('signing.try.signed')}
          </label>
          <textarea id={signedId} className="form-input signing__jws" readOnly rows={4} value={signed} />
          <p>
            <Link href={SIGNATURE_CHECK_PATH}>{t('signing.try.check')}</Link>
          </p>
        </div>
      )}
    </form>
  );
}
