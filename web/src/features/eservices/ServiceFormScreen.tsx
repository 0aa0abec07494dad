import type { ServiceStart } from '@civitas/contracts/api/eservices.ts';
import { submissionPayload } from '@civitas/contracts/api/eservices.ts';
import Form from '@rjsf/core';
import type { ErrorSchema } from '@rjsf/utils';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { formErrorText } from './form-errors.ts';
import { errorSchemaOf, localisedForm, textIn } from './localised-form.ts';
import { serverCheckedValidator } from './server-checked-validator.ts';
import { checkForm, fetchDraft, fetchStart, saveDraft, submitApplication } from './service-api.ts';
import { SigningUnavailable, signApplication } from './sign-application.ts';
import './ServiceForm.css';

type Data = Record<string, unknown>;
type FieldProblem = { field: string; keyword: string; params: Record<string, unknown> };

/** A declared service: eligibility first, then its form, prefilled from the registers, saved as a draft, signed and submitted. */
export function ServiceFormScreen({ code }: { code: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const resumeId = new URLSearchParams(location.search).get('draft');
  const { state, retry } = useApiResource(async (signal) => {
    const start = await fetchStart(code, signal);
    const draft = resumeId ? await fetchDraft(resumeId, signal) : null;
    return { start, draft };
  });
  const title =
    state.kind === 'loaded' ? textIn(state.value.start.service.title, language)! : t('serviceForm.title');
  return (
    <div className="stack">
      <PageHeading title={title}>{title}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('serviceForm.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('serviceForm.loadFailed')}
          error={state.error}
          retryLabel={t('confirmData.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && (
        <Loaded
          start={state.value.start}
          draftId={state.value.draft?.id ?? null}
          draftData={state.value.draft?.data ?? null}
        />
      )}
    </div>
  );
}

function Loaded({
  start,
  draftId,
  draftData,
}: {
  start: ServiceStart;
  draftId: string | null;
  draftData: Data | null;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const service = start.service;
  if (start.eligibility.status === 'not-eligible') {
    return (
      <Alert tone="warning" title={t('serviceForm.notEligible')}>
        <ul>
          {start.eligibility.reasons.map((reason) => (
            <li key={reason.reason}>{textIn(reason.text, language)}</li>
          ))}
        </ul>
      </Alert>
    );
  }
  return (
    <>
      <p className="secondary-text">{textIn(service.summary, language)}</p>
      <p className="secondary-text">
        {t('serviceForm.legalBasis', { basis: textIn(service.legalBasisText, language) })}
      </p>
      {start.eligibility.status === 'unknown' && (
        <Alert tone="info" title={t('serviceForm.eligibilityUnknown')} />
      )}
      <ServiceForm start={start} initialDraftId={draftId} initialData={draftData ?? start.formData} />
    </>
  );
}

type Outcome =
  | { kind: 'idle' }
  | { kind: 'saved'; at: string }
  | { kind: 'submitted'; id: string }
  | { kind: 'invalid' }
  | { kind: 'signing-unavailable' }
  | { kind: 'failed'; title: string; detail: string | null };

function ServiceForm({
  start,
  initialDraftId,
  initialData,
}: {
  start: ServiceStart;
  initialDraftId: string | null;
  initialData: Data;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const service = start.service;
  const [data, setData] = useState<Data>(initialData);
  const [draftId] = useState(() => initialDraftId ?? crypto.randomUUID());
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  // Kept as codes, so that they are worded again when the reader changes the language.
  const [serverErrors, setServerErrors] = useState<FieldProblem[]>([]);
  const [busy, setBusy] = useState(false);
  const statusRef = useRef<HTMLDivElement>(null);
  const { schema, uiSchema } = useMemo(
    () =>
      localisedForm(service, language, start.prefill, start.sources, (name) =>
        t('serviceForm.fromRegister', { register: name }),
      ),
    [service, language, start, t],
  );
  const ui = { ...uiSchema, 'ui:submitButtonOptions': { norender: true } };

  async function save(): Promise<boolean> {
    try {
      const draft = await saveDraft(draftId, service.code, data);
      setOutcome({ kind: 'saved', at: draft.updatedAt });
      return true;
    } catch (error) {
      setOutcome({ kind: 'failed', ...describeError(error, t) });
      return false;
    }
  }

  async function submit(formData: Data): Promise<void> {
    setBusy(true);
    setServerErrors([]);
    try {
      const check = await checkForm(service.code, formData);
      if (!check.valid) {
        setServerErrors(check.errors);
        setOutcome({ kind: 'invalid' });
        return;
      }
      if (!(await save())) return;
      const signature = await signApplication(
        submissionPayload({
          id: draftId,
          serviceCode: service.code,
          serviceVersion: service.version,
          data: formData,
        }),
      );
      const application = await submitApplication(draftId, signature);
      setOutcome({ kind: 'submitted', id: application.id });
    } catch (error) {
      if (error instanceof SigningUnavailable) {
        setOutcome({ kind: 'signing-unavailable' });
      } else {
        const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
        setServerErrors(fields.map((f) => ({ ...f, params: {} })));
        setOutcome({ kind: 'failed', ...describeError(error, t) });
      }
    } finally {
      setBusy(false);
      statusRef.current?.focus();
    }
  }

  return (
    <>
      <Form
        className="service-form"
        schema={schema}
        uiSchema={ui}
        formData={data}
        validator={serverCheckedValidator}
        noHtml5Validate
        showErrorList={false}
        extraErrors={
          serverErrors.length > 0
            ? (errorSchemaOf(
                serverErrors.map((e) => ({ field: e.field, message: formErrorText(t, e.keyword, e.params) })),
              ) as ErrorSchema)
            : undefined
        }
        onChange={(event) => setData(event.formData as Data)}
        onSubmit={(event) => void submit(event.formData as Data)}
      >
        <div className="service-form__actions">
          <Button type="submit" disabled={busy}>
            {t('serviceForm.signAndSubmit')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => void save()}>
            {t('serviceForm.saveDraft')}
          </Button>
        </div>
      </Form>
      <div ref={statusRef} tabIndex={-1}>
        {outcome.kind === 'saved' && <Alert tone="success" title={t('serviceForm.saved')} />}
        {outcome.kind === 'submitted' && <Alert tone="success" title={t('serviceForm.submitted')} />}
        {outcome.kind === 'invalid' && <Alert tone="error" title={t('problems.eservice-form-invalid')} />}
        {outcome.kind === 'signing-unavailable' && (
          <Alert tone="error" title={t('serviceForm.signingUnavailable')} />
        )}
        {outcome.kind === 'failed' && (
          <Alert tone="error" title={outcome.title}>
            {outcome.detail && <p>{outcome.detail}</p>}
          </Alert>
        )}
      </div>
    </>
  );
}
