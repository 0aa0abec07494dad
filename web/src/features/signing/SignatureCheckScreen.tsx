import type { SignatureValidation } from '@civitas/contracts/api/signing.ts';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import '../../shared/ui/FormFields.css';
import { MAX_PDF_BYTES, type SignedDocument, validateSignature } from './validate-signature.ts';
import './signing.css';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'invalid'; problem: 'nothing' | 'tooLarge' }
  | { kind: 'checking' }
  | { kind: 'checked'; result: SignatureValidation }
  | { kind: 'failed'; error: unknown };

/**
 * "Check a signed document": anyone pastes a signed document (a JWS) or uploads a PDF that
 * Civitas signed or sealed, and learns whether it is valid, by whom and when. Public: no sign-in.
 */
export function SignatureCheckScreen() {
  const { t } = useTranslation();
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const [text, setText] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const textId = useId();
  const fileId = useId();

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind === 'checking') return;
    const chosen = file.current?.files?.[0];
    let document: SignedDocument;
    if (chosen) {
      if (chosen.size > MAX_PDF_BYTES) return setState({ kind: 'invalid', problem: 'tooLarge' });
      document = { kind: 'pdf', bytes: new Uint8Array(await chosen.arrayBuffer()) };
    } else if (text.trim() !== '') {
      document = { kind: 'jws', text };
    } else {
      return setState({ kind: 'invalid', problem: 'nothing' });
    }
    setState({ kind: 'checking' });
    try {
      setState({ kind: 'checked', result: await validateSignature(document) });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  return (
    <div className="stack">
      <PageHeading title={t('signatureCheck.title')}>{t('signatureCheck.title')}</PageHeading>
      <p className="lead">{t('signatureCheck.intro')}</p>
      <Card title={t('signatureCheck.formTitle')}>
        <form className="form" noValidate onSubmit={handleSubmit}>
          {state.kind === 'invalid' && (
            <Alert tone="error">
              <p>{t(`signatureCheck.problems.${state.problem}`)}</p>
            </Alert>
          )}
          <div className="form-group">
            <label className="form-label" htmlFor={textId}>
              {t('signatureCheck.pasteLabel')}
            </label>
            <span id={`${textId}-hint`} className="form-hint">
              {t('signatureCheck.pasteHint')}
            </span>
            <textarea
              id={textId}
              className="form-input signing__jws"
              aria-describedby={`${textId}-hint`}
              rows={5}
              spellCheck={false}
              value={text}
              onChange={(event) => setText(event.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="form-label" htmlFor={fileId}>
              {t('signatureCheck.fileLabel')}
            </label>
            <span id={`${fileId}-hint`} className="form-hint">
              {t('signatureCheck.fileHint')}
            </span>
            <input
              ref={file}
              id={fileId}
              className="form-input"
              type="file"
              accept="application/pdf,.pdf"
              aria-describedby={`${fileId}-hint`}
            />
          </div>
          <Button type="submit" disabled={state.kind === 'checking'}>
            {t('signatureCheck.check')}
          </Button>
        </form>
      </Card>
      {state.kind === 'checking' && <LoadingIndicator label={t('signatureCheck.checking')} />}
      {state.kind === 'checked' && <Verdict result={state.result} />}
      {state.kind === 'failed' && <CheckFailed error={state.error} />}
    </div>
  );
}

function Verdict({ result }: { result: SignatureValidation }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!result.valid) {
    return (
      <Alert tone="error" title={t('signatureCheck.notValid')}>
        <p>
          {t(`problems.${result.code}` as 'problems.internal', {
            defaultValue: t('signatureCheck.notValid'),
          })}
        </p>
      </Alert>
    );
  }
  const signer =
    result.signer.kind === 'person'
      ? t('signatureCheck.signedByPerson', { name: result.signer.name })
      : t('signatureCheck.sealedBy', { name: result.signer.name });
  return (
    <Alert tone="success" title={t('signatureCheck.valid')}>
      <p className="signing__signer">{signer}</p>
      <p>{t('signatureCheck.signedAt', { when: format.dateTime(result.signedAt) })}</p>
      <p>
        {t(result.format === 'pades' ? 'signatureCheck.formatPdf' : 'signatureCheck.formatJws')}{' '}
        {t('signatureCheck.certificateValid', {
          from: format.dateTime(result.certificate.notBefore),
          to: format.dateTime(result.certificate.notAfter),
        })}
      </p>
    </Alert>
  );
}

function CheckFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert tone="error" title={description.title}>
      {description.detail && <p>{description.detail}</p>}
    </Alert>
  );
}
