import { transliterate } from '@civitas/contracts/text/translit.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { SelectField } from '../../shared/ui/FormFields.tsx';
import { type Clinician, type Specialist, specialistsOf } from './clinician-client.ts';
import { issueText } from './EncounterForm.tsx';
import { FhirError, fhirCreate } from './fhir-client.ts';
import { nameText } from './patient-format.ts';
import {
  type CheckedReferral,
  checkReferral,
  EMPTY_REFERRAL,
  REFERRAL_REASON_MAX,
  type ReferralDraft,
  type ReferralError,
  referralRequest,
} from './referral-form.ts';
import { TextAreaField } from './TextAreaField.tsx';
import { diagnosisChoices, labelledChoices, SYSTEM, specialtyChoices } from './terms.ts';

/** Orders a referral to a specialty or a named specialist, who may then open the patient's record. */
export function ReferralForm({
  me,
  patientId,
  onOrdered,
  onCancel,
}: {
  me: Clinician;
  patientId: string;
  onOrdered: () => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const latin = useLatinScript();
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [specialists, setSpecialists] = useState<Specialist[]>([]);

  const form = useCheckedForm<ReferralDraft, ReferralError, CheckedReferral>({
    empty: EMPTY_REFERRAL,
    check: (draft) =>
      checkReferral(
        draft,
        specialists.map((specialist) => specialist.practitioner),
      ),
    describe: (error) => t(`clinician.referral.problem.${error.problem}`, { max: REFERRAL_REASON_MAX }),
    busy,
    forgetOnChange: true,
    onValid: async (checked) => {
      setBusy(true);
      setRefusal(null);
      try {
        await fhirCreate(
          referralRequest(checked, {
            patientId,
            practitioner: me.practitioner,
            at: new Date().toISOString(),
          }),
        );
        onOrdered();
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return;
        setRefusal(
          error instanceof FhirError && error.issues[0]
            ? issueText(error.issues[0], t)
            : describeError(error, t).title,
        );
      } finally {
        setBusy(false);
      }
    },
  });

  const specialty = form.draft.specialty;
  useEffect(() => {
    setSpecialists([]);
    if (!specialty) return;
    const controller = new AbortController();
    specialistsOf(specialty, controller.signal).then(setSpecialists, () => setSpecialists([]));
    return () => controller.abort();
  }, [specialty]);

  const specialistOptions = specialists.map((specialist) => {
    const name = nameText(specialist.name) ?? t('clinician.unnamed');
    const organisation = specialist.organisation;
    const shown = (text: string) => (latin ? transliterate(text) : text);
    return {
      value: specialist.practitioner,
      label: organisation ? `${shown(name)}, ${shown(organisation)}` : shown(name),
    };
  });

  return (
    <div className="stack">
      {refusal && (
        <Alert tone="error" title={t('clinician.referral.refused')}>
          <p>{refusal}</p>
        </Alert>
      )}
      <div className="clinic-form">
        <CheckedForm
          title={t('clinician.referral.title')}
          summaryTitle={t('clinician.problemsTitle')}
          form={form.form}
          submitLabel={t('clinician.referral.submit')}
          busy={busy}
        >
          <SelectField
            {...form.field('specialty')}
            label={t('clinician.referral.specialty')}
            placeholder={t('clinician.referral.chooseSpecialty')}
            options={labelledChoices(SYSTEM.snomed, specialtyChoices(), language)}
          />
          {specialty && specialistOptions.length > 0 && (
            <SelectField
              {...form.field('specialist')}
              label={t('clinician.referral.specialist')}
              placeholder={t('clinician.referral.anySpecialist')}
              options={specialistOptions}
            />
          )}
          <SelectField
            {...form.field('diagnosis')}
            label={t('clinician.referral.diagnosis')}
            placeholder={t('clinician.referral.noDiagnosis')}
            options={labelledChoices(SYSTEM.icd10, diagnosisChoices(), language)}
          />
          <TextAreaField {...form.field('reason')} label={t('clinician.referral.reason')} rows={3} />
        </CheckedForm>
      </div>
      <div className="button-group">
        <Button variant="secondary" onClick={onCancel} disabled={busy}>
          {t('clinician.referral.cancel')}
        </Button>
      </div>
    </div>
  );
}
