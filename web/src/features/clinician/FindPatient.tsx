import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { TextField } from '../../shared/ui/FormFields.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { BreakGlassForm } from './BreakGlassForm.tsx';
import { findByPersonalNumber } from './clinician-client.ts';
import { type FindProblem, normalisePersonalNumber, personalNumberProblem } from './find-patient-form.ts';

type FindState =
  | { kind: 'idle' }
  | { kind: 'finding' }
  | { kind: 'no-access'; personalNumber: string }
  | { kind: 'failed'; error: unknown };

interface FindError {
  field: 'personalNumber';
  problem: FindProblem;
}

/**
 * Finds a patient by the personal number the doctor types (sent in a form body, never in a URL).
 * A patient outside the doctor's care answers "no access", and break-glass is offered.
 */
export function FindPatient({
  onOpen,
}: {
  onOpen: (patientId: string, emergencyUntil?: string | null) => void;
}) {
  const { t } = useTranslation();
  const [state, setState] = useState<FindState>({ kind: 'idle' });
  const inFlight = useRef<AbortController | null>(null);
  useEffect(() => () => inFlight.current?.abort(), []);

  const form = useCheckedForm<{ personalNumber: string }, FindError, { ok: true; personalNumber: string }>({
    empty: { personalNumber: '' },
    check: (draft) => {
      const problem = personalNumberProblem(draft.personalNumber);
      return problem
        ? { ok: false, errors: [{ field: 'personalNumber', problem }] }
        : { ok: true, personalNumber: normalisePersonalNumber(draft.personalNumber) };
    },
    describe: (error) => t(`clinician.find.problem.${error.problem}`),
    busy: state.kind === 'finding',
    forgetOnChange: true,
    onValid: async ({ personalNumber }) => {
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      setState({ kind: 'finding' });
      try {
        const patient = await findByPersonalNumber(personalNumber, controller.signal);
        if (patient?.id) {
          setState({ kind: 'idle' });
          onOpen(patient.id, null);
        } else setState({ kind: 'no-access', personalNumber });
      } catch (error) {
        if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setState(
          error instanceof ApiError && error.status === 404
            ? { kind: 'no-access', personalNumber }
            : { kind: 'failed', error },
        );
      }
    },
  });

  return (
    <>
      <CheckedForm
        title={t('clinician.find.title')}
        summaryTitle={t('clinician.problemsTitle')}
        form={form.form}
        submitLabel={t('clinician.find.submit')}
        busy={state.kind === 'finding'}
      >
        <TextField
          {...form.field('personalNumber')}
          label={t('clinician.find.personalNumber')}
          hint={t('clinician.find.hint')}
          numeric
          short
          maxLength={14}
        />
      </CheckedForm>
      {state.kind === 'finding' && <LoadingIndicator label={t('clinician.find.finding')} />}
      {state.kind === 'failed' && <FindFailed error={state.error} />}
      {state.kind === 'no-access' && (
        <BreakGlassForm
          personalNumber={state.personalNumber}
          onGranted={(grant) => {
            setState({ kind: 'idle' });
            onOpen(grant.patientId, grant.expiresAt);
          }}
          onCancel={() => setState({ kind: 'idle' })}
        />
      )}
    </>
  );
}

function FindFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert tone="error" title={t('clinician.find.failed')}>
      <p>{description.title}</p>
      {description.detail && <p>{description.detail}</p>}
    </Alert>
  );
}
