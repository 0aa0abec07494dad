import type { MedicationRequest } from '@medplum/fhirtypes';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { ErrorSummary, SelectField, TextField } from '../../shared/ui/FormFields.tsx';
import { measuredNumber, prescriptionNumber } from './chart-format.ts';
import type { Clinician } from './clinician-client.ts';
import { encounterBundle, fieldOfIssue, writtenReferences } from './encounter-bundle.ts';
import {
  type CheckedEncounter,
  checkEncounter,
  EMPTY_ENCOUNTER,
  type EncounterDraft,
  type EncounterError,
  type EncounterField,
  NOTE_MAX,
  REASON_MAX,
} from './encounter-form.ts';
import { FhirError, fhirRead, fhirTransaction, type OutcomeIssue } from './fhir-client.ts';
import { TextAreaField } from './TextAreaField.tsx';
import {
  diagnosisChoices,
  labChoice,
  labChoices,
  labelledChoices,
  medicineChoices,
  type RangeFor,
  SYSTEM,
  usualDose,
  VITAL_SIGNS,
} from './terms.ts';

/** The fields the form may find empty when they are needed. */
type RequiredField = 'reason' | 'labValue' | 'doseAmount' | 'timesPerDay' | 'quantity';

/** What an encounter wrote that the doctor needs next: the prescription's number for the patient. */
export interface RecordedEncounter {
  prescription: { number: string; medicine: string } | null;
}

/** A server issue in the doctor's words: by our stable code when known, else by its FHIR issue type. */
export function issueText(issue: OutcomeIssue, t: TFunction): string {
  if (issue.code) {
    const text = t(`problems.${issue.code}` as 'problems.internal', { defaultValue: '' });
    if (text) return text;
  }
  const byType = t(`clinician.issue.${issue.type}` as 'clinician.issue.invalid', { defaultValue: '' });
  return byType || t('clinician.issue.invalid');
}

/**
 * One encounter, written as ONE FHIR transaction: reason, vital signs, a lab result (unit and
 * reference range from the terminology), a diagnosis and a prescription. A refusal's issues are
 * shown beside the fields they concern, in the doctor's language.
 */
export function EncounterForm({
  me,
  patientId,
  rangeFor,
  onRecorded,
  onCancel,
}: {
  me: Clinician;
  patientId: string;
  rangeFor: RangeFor;
  onRecorded: (result: RecordedEncounter) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [busy, setBusy] = useState(false);
  const [serverIssues, setServerIssues] = useState<Array<{ field: EncounterField | null; text: string }>>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  async function submit(checked: CheckedEncounter) {
    setBusy(true);
    setServerIssues([]);
    setFailure(null);
    const built = encounterBundle(checked, {
      patientId,
      practitioner: me.practitioner,
      at: new Date().toISOString(),
      uuid: () => crypto.randomUUID(),
      rangeFor,
    });
    try {
      const response = await fhirTransaction(built.bundle);
      const written = writtenReferences(response);
      const requestRef = written.find((reference) => reference?.startsWith('MedicationRequest/'));
      let prescription: RecordedEncounter['prescription'] = null;
      if (requestRef && checked.prescription) {
        const stored = await fhirRead<MedicationRequest>(requestRef);
        const number = prescriptionNumber(stored);
        if (number) prescription = { number, medicine: checked.prescription.medicine };
      }
      onRecorded({ prescription });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return;
      if (error instanceof FhirError && error.issues.length > 0 && error.status < 500) {
        setServerIssues(
          error.issues
            .filter((issue) => issue.type !== 'informational')
            .map((issue) => ({ field: fieldOfIssue(issue, built.blame), text: issueText(issue, t) })),
        );
        setAttempt((value) => value + 1);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const form = useCheckedForm<EncounterDraft, EncounterError, CheckedEncounter>({
    empty: EMPTY_ENCOUNTER,
    check: checkEncounter,
    describe: (error) =>
      error.problem === 'required'
        ? t(`clinician.encounter.required.${error.field as RequiredField}`)
        : t(`clinician.encounter.problem.${error.problem}`, {
            min: error.min,
            max: error.max ?? (error.field === 'note' ? NOTE_MAX : REASON_MAX),
          }),
    busy,
    forgetOnChange: true,
    onValid: (checked) => void submit(checked),
  });

  /** A field's props, with the server's issue for it when the form itself found none. */
  const field = (name: EncounterField) => {
    const props = form.field(name);
    const fromServer = serverIssues.find((issue) => issue.field === name)?.text ?? null;
    return { ...props, error: props.error ?? fromServer };
  };

  const lab = form.draft.labCode ? labChoice(form.draft.labCode, rangeFor) : null;
  const labOptions = labelledChoices(
    SYSTEM.loinc,
    labChoices(rangeFor).map((choice) => choice.code),
    language,
  );
  const number = measuredNumber(formattingLocaleOf(language));

  return (
    <div className="stack">
      {serverIssues.length > 0 && (
        <ErrorSummary
          title={t('clinician.encounter.refused')}
          attempt={attempt}
          errors={serverIssues.map((issue, index) => ({
            id: issue.field ? form.inputId(issue.field) : `encounter-issue-${index}`,
            message: issue.text,
          }))}
        />
      )}
      {failure !== null && (
        <Alert tone="error" title={t('clinician.encounter.failed')}>
          <p>{describeError(failure, t).title}</p>
        </Alert>
      )}
      <div className="clinic-form">
        <CheckedForm
          title={t('clinician.encounter.title')}
          summaryTitle={t('clinician.problemsTitle')}
          form={form.form}
          submitLabel={busy ? t('clinician.encounter.saving') : t('clinician.encounter.submit')}
          busy={busy}
        >
          <TextAreaField
            {...field('reason')}
            label={t('clinician.encounter.reason')}
            hint={t('clinician.encounter.reasonHint')}
            rows={3}
          />

          <fieldset className="form-group clinic-fieldset">
            <legend>{t('clinician.encounter.vitals')}</legend>
            <div className="clinic-grid">
              <TextField
                {...field('systolic')}
                label={t('clinician.encounter.systolic', { unit: VITAL_SIGNS.systolic.unitDisplay })}
                numeric
                short
                optional
              />
              <TextField
                {...field('diastolic')}
                label={t('clinician.encounter.diastolic', { unit: VITAL_SIGNS.diastolic.unitDisplay })}
                numeric
                short
                optional
              />
              <TextField
                {...field('heartRate')}
                label={t('clinician.encounter.heartRate')}
                numeric
                short
                optional
              />
              <TextField
                {...field('weight')}
                label={t('clinician.encounter.weight', { unit: VITAL_SIGNS.weight.unitDisplay })}
                short
                optional
              />
            </div>
          </fieldset>

          <fieldset className="form-group clinic-fieldset">
            <legend>{t('clinician.encounter.lab')}</legend>
            <SelectField
              {...field('labCode')}
              label={t('clinician.encounter.labTest')}
              placeholder={t('clinician.encounter.noLab')}
              options={labOptions}
            />
            {lab && (
              <TextField
                {...field('labValue')}
                label={t('clinician.encounter.labValue', { unit: lab.unitDisplay })}
                hint={
                  lab.low !== null && lab.high !== null
                    ? t('clinician.encounter.labRange', {
                        low: number(lab.low),
                        high: number(lab.high),
                        unit: lab.unitDisplay,
                      })
                    : undefined
                }
                short
              />
            )}
          </fieldset>

          <fieldset className="form-group clinic-fieldset">
            <legend>{t('clinician.encounter.diagnosisTitle')}</legend>
            <SelectField
              {...field('diagnosis')}
              label={t('clinician.encounter.diagnosis')}
              placeholder={t('clinician.encounter.noDiagnosis')}
              options={labelledChoices(SYSTEM.icd10, diagnosisChoices(), language)}
            />
            {form.draft.diagnosis && (
              <TextAreaField {...field('note')} label={t('clinician.encounter.note')} optional rows={3} />
            )}
          </fieldset>

          <fieldset className="form-group clinic-fieldset">
            <legend>{t('clinician.encounter.prescriptionTitle')}</legend>
            <SelectField
              {...field('medicine')}
              onChange={(code) => {
                // The form starts from the medicine's usual dose: one unit, so many times a day, one pack.
                const usual = usualDose(code);
                form.setDraft((draft) => ({
                  ...draft,
                  medicine: code,
                  ...(usual && {
                    doseAmount: '1',
                    timesPerDay: String(usual.timesPerDay),
                    quantity: String(usual.packSize),
                  }),
                }));
                form.forget('medicine');
              }}
              label={t('clinician.encounter.medicine')}
              placeholder={t('clinician.encounter.noMedicine')}
              options={labelledChoices(SYSTEM.atc, medicineChoices(), language)}
            />
            {form.draft.medicine && (
              <div className="clinic-grid">
                <TextField
                  {...field('doseAmount')}
                  label={t('clinician.encounter.doseAmount')}
                  hint={t('clinician.encounter.doseAmountHint')}
                  short
                />
                <TextField
                  {...field('timesPerDay')}
                  label={t('clinician.encounter.timesPerDay')}
                  numeric
                  short
                />
                <TextField
                  {...field('quantity')}
                  label={t('clinician.encounter.quantity')}
                  hint={t('clinician.encounter.quantityHint')}
                  numeric
                  short
                />
              </div>
            )}
          </fieldset>
        </CheckedForm>
      </div>
      <div className="button-group">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t('clinician.encounter.cancel')}
        </Button>
      </div>
    </div>
  );
}
