import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import {
  normaliseReason,
  REASON_MAX,
  REASON_MIN,
  type ReasonProblem,
  reasonProblem,
} from './break-glass-form.ts';
import { type BreakGlassGrant, breakGlass } from './clinician-client.ts';
import { TextAreaField } from './TextAreaField.tsx';

interface ReasonError {
  field: 'reason';
  problem: ReasonProblem;
}

/**
 * "No access": the patient is not in the doctor's care. In an emergency the doctor may still open
 * the record for a limited time, stating why; the patient is told and sees it in their record.
 */
export function BreakGlassForm({
  personalNumber,
  onGranted,
  onCancel,
}: {
  personalNumber: string;
  onGranted: (grant: BreakGlassGrant) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<unknown>(null);
  const form = useCheckedForm<{ reason: string }, ReasonError, { ok: true; reason: string }>({
    empty: { reason: '' },
    check: (draft) => {
      const problem = reasonProblem(draft.reason);
      return problem
        ? { ok: false, errors: [{ field: 'reason', problem }] }
        : { ok: true, reason: normaliseReason(draft.reason) };
    },
    describe: (error) =>
      t(`clinician.breakGlass.problem.${error.problem}`, { min: REASON_MIN, max: REASON_MAX }),
    busy,
    onValid: async ({ reason }) => {
      setBusy(true);
      setRefusal(null);
      try {
        onGranted(await breakGlass(personalNumber, reason));
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 401)) setRefusal(error);
      } finally {
        setBusy(false);
      }
    },
  });
  const typed = [...normaliseReason(form.draft.reason)].length;

  return (
    <div className="stack">
      <Alert tone="warning" title={t('clinician.breakGlass.noAccessTitle')}>
        <p>{t('clinician.breakGlass.noAccess')}</p>
      </Alert>
      <CheckedForm
        title={t('clinician.breakGlass.title')}
        summaryTitle={t('clinician.problemsTitle')}
        form={form.form}
        submitLabel={t('clinician.breakGlass.submit')}
        busy={busy}
      >
        <div className="clinic-warning">
          <p className="clinic-warning__title">{t('clinician.breakGlass.warningTitle')}</p>
          <p>{t('clinician.breakGlass.warning')}</p>
        </div>
        <TextAreaField
          {...form.field('reason')}
          label={t('clinician.breakGlass.reason')}
          hint={t('clinician.breakGlass.reasonHint', { min: REASON_MIN, max: REASON_MAX })}
          counter={t('clinician.breakGlass.counter', { count: typed, max: REASON_MAX })}
        />
        {refusal !== null && <Refused error={refusal} />}
      </CheckedForm>
      <div className="button-group">
        <Button variant="secondary" onClick={onCancel}>
          {t('clinician.breakGlass.cancel')}
        </Button>
      </div>
    </div>
  );
}

function Refused({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert tone="error" title={t('clinician.breakGlass.refused')}>
      <p>{description.title}</p>
      {description.detail && <p>{description.detail}</p>}
    </Alert>
  );
}
