import type { TFunction } from 'i18next';
import { type FormEvent, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import type { ReportVerdict } from './report.ts';
import { viewerName } from './report-labels.ts';
import { prepareReportUpload } from './report-upload.ts';
import { type ReferenceMatch, referenceMatch, rejectionReason } from './report-wording.ts';
import { verifyReportUpload } from './verify-report-upload.ts';
import '../../shared/ui/FormFields.css';
import { VerdictTitle } from './VerdictTitle.tsx';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'invalid'; problem: 'chooseFile' | 'notAReportFile' | 'tooLarge' }
  | { kind: 'checking' }
  | { kind: 'checked'; verdict: ReportVerdict }
  | { kind: 'failed'; error: unknown };

/**
 * Upload a report's PDF or JSON and let the platform say whether it signed and issued exactly
 * that. On `/verify/<reference>` it also says whether the file is the report the page is about.
 */
export function ReportFileCheck({ pageReference }: { pageReference: string | null }) {
  const { t } = useTranslation();
  const [state, setState] = useState<CheckState>({ kind: 'idle' });
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (state.kind === 'checking') return;
    const file = input.current?.files?.[0];
    if (!file) {
      setState({ kind: 'invalid', problem: 'chooseFile' });
      input.current?.focus();
      return;
    }
    setState({ kind: 'checking' });
    try {
      const upload = prepareReportUpload(new Uint8Array(await file.arrayBuffer()), file.type, file.name);
      if (upload.kind === 'not-a-report-file' || upload.kind === 'too-large') {
        setState({ kind: 'invalid', problem: upload.kind === 'too-large' ? 'tooLarge' : 'notAReportFile' });
        input.current?.focus();
        return;
      }
      setState({ kind: 'checked', verdict: await verifyReportUpload(upload) });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  }

  const invalid = state.kind === 'invalid';
  return (
    <Card title={t('verifyReport.upload.title')}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <div className={invalid ? 'form-group form-group--error' : 'form-group'}>
          <label className="form-label" htmlFor={inputId}>
            {t('verifyReport.upload.label')}
          </label>
          <span id={hintId} className="form-hint">
            {t('verifyReport.upload.hint')}
          </span>
          {invalid && (
            <span id={errorId} className="form-error">
              {t(`verifyReport.upload.${state.problem}`)}
            </span>
          )}
          <input
            ref={input}
            id={inputId}
            className="form-input"
            type="file"
            accept="application/pdf,application/json,.pdf,.json"
            aria-invalid={invalid || undefined}
            aria-describedby={invalid ? `${errorId} ${hintId}` : hintId}
            onChange={() => setState({ kind: 'idle' })}
          />
        </div>
        <div className="button-group">
          <Button type="submit" disabled={state.kind === 'checking'}>
            {t('verifyReport.upload.submit')}
          </Button>
        </div>
      </form>
      {state.kind === 'checking' && <LoadingIndicator label={t('verifyReport.upload.checking')} />}
      {state.kind === 'checked' && <VerdictView verdict={state.verdict} pageReference={pageReference} />}
      {state.kind === 'failed' && <CheckFailed error={state.error} />}
    </Card>
  );
}

function VerdictView({ verdict, pageReference }: { verdict: ReportVerdict; pageReference: string | null }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const match = referenceMatch(pageReference, verdict);
  return (
    <div className="stack report-result">
      {verdict.valid ? (
        <Alert tone="success">
          <VerdictTitle valid={true} className="report-alert-title">
            {t('verifyReport.verdict.valid')}
          </VerdictTitle>
          <p>{t('verifyReport.verdict.validText')}</p>
        </Alert>
      ) : (
        <Alert tone="error">
          <VerdictTitle valid={false} className="report-alert-title">
            {t('verifyReport.verdict.rejected')}
          </VerdictTitle>
          <p>{t(`verifyReport.verdict.reasons.${rejectionReason(verdict)}`)}</p>
          {verdict.detail && (
            <p className="secondary-text" lang="en">
              {t('verifyReport.verdict.serverDetail', { detail: verdict.detail })}
            </p>
          )}
        </Alert>
      )}
      {match && pageReference && (
        <p className={`report-verdict report-verdict--${match === 'same' ? 'success' : 'danger'}`}>
          {matchSentence(match, pageReference, verdict.reference, t)}
        </p>
      )}
      {verdict.valid && (
        <FieldList>
          {verdict.reference && (
            <Field label={t('verifyReport.fields.reference')}>
              <span className="report-reference">{verdict.reference}</span>
            </Field>
          )}
          {verdict.vin && (
            <Field label={t('verifyReport.fields.vin')}>
              <span className="report-reference">{verdict.vin}</span>
            </Field>
          )}
          {verdict.issuedAt && (
            <Field label={t('verifyReport.fields.issuedAt')}>{format.dateTime(verdict.issuedAt)}</Field>
          )}
          {verdict.viewer && (
            <Field label={t('verifyReport.fields.viewer')}>{viewerName(verdict.viewer, t)}</Field>
          )}
          {verdict.partial !== undefined && (
            <Field label={t('verifyReport.fields.partial')}>
              {verdict.partial ? t('verifyReport.partialYes') : t('verifyReport.partialNo')}
            </Field>
          )}
        </FieldList>
      )}
    </div>
  );
}

function matchSentence(
  match: ReferenceMatch,
  reference: string,
  fileReference: string | undefined,
  t: TFunction,
): string {
  switch (match) {
    case 'same':
      return t('verifyReport.verdict.matchSame', { reference });
    case 'claimed':
      return t('verifyReport.verdict.matchClaimed', { reference });
    case 'different':
      return t('verifyReport.verdict.matchDifferent', { fileReference, reference });
    case 'not-named':
      return t('verifyReport.verdict.matchNotNamed', { reference });
  }
}

function CheckFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('verifyReport.upload.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
