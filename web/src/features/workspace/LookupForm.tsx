import type { PurposeChoice } from '@civitas/contracts/api/access.ts';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { legalBasisLabel, purposeLabel } from '../../shared/i18n/code-labels.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { ChoiceGroup, SelectField, TextField, VinField } from '../../shared/ui/FormFields.tsx';
import { normaliseVin } from '../vehicle-dossier/vehicle-check-form.ts';
import {
  CASE_NUMBER_MAX_LENGTH,
  EMPTY_LOOKUP,
  type LookupDraft,
  type LookupError,
  type LookupKind,
  type LookupRequest,
  SERVICE_OF,
  validateLookup,
} from './lookup-form.ts';
import { legalBasesFor, purposesFor } from './purposes.ts';

interface LookupFormProps {
  /** The purpose–basis pairs the signed-in official may use. */
  choices: readonly PurposeChoice[];
  busy: boolean;
  onSubmit: (request: LookupRequest) => void;
}

/**
 * A person or a vehicle, looked up for a purpose and on a legal basis chosen from the caller's
 * rights (the legal bases offered are those granted with the chosen purpose), under a case number.
 */
export function LookupForm({ choices, busy, onSubmit }: LookupFormProps) {
  const { t } = useTranslation();
  const { draft, setDraft, forget, inputId, errorFor, field, form } = useCheckedForm({
    empty: EMPTY_LOOKUP,
    check: validateLookup,
    describe: (error: LookupError, current: LookupDraft) => fieldErrorMessage(error, current, t),
    busy,
    onValid: (checked) => onSubmit(checked.request),
  });
  const id = useId();
  const service = SERVICE_OF[draft.kind];
  const purposes = purposesFor(choices, service);
  const bases = legalBasesFor(choices, service, draft.purpose);

  function chooseKind(kind: LookupKind) {
    // Each lookup has its own grants: a purpose chosen for the other does not carry over.
    setDraft((current) => ({ ...current, kind, purpose: '', legalBasis: '' }));
    forget('personalNumber', 'vin', 'purpose', 'legalBasis');
  }

  function choosePurpose(purpose: string) {
    const granted = legalBasesFor(choices, service, purpose);
    setDraft((current) => ({ ...current, purpose, legalBasis: granted.length === 1 ? granted[0]! : '' }));
    if (purpose) forget('purpose', ...(granted.length === 1 ? (['legalBasis'] as const) : []));
  }

  return (
    <CheckedForm
      title={t('workspace.formTitle')}
      summaryTitle={t('workspace.errorSummary')}
      form={form}
      submitLabel={t('workspace.submit')}
      busy={busy}
      canSubmit={purposes.length > 0}
    >
      <ChoiceGroup<LookupKind>
        name={`${id}-kind`}
        legend={t('workspace.kindLegend')}
        value={draft.kind}
        choices={[
          { value: 'person', label: t('workspace.kindPerson') },
          { value: 'vehicle', label: t('workspace.kindVehicle') },
        ]}
        onChange={chooseKind}
      />
      {draft.kind === 'person' ? (
        <TextField
          {...field('personalNumber')}
          label={t('workspace.personalNumber')}
          hint={t('workspace.personalNumberHint')}
          numeric
          short
          maxLength={14}
        />
      ) : (
        <VinField {...field('vin')} label={t('workspace.vin')} hint={t('workspace.vinHint')} />
      )}
      {purposes.length === 0 ? (
        <Alert tone="info">
          <p>{t(draft.kind === 'person' ? 'workspace.noRightsPerson' : 'workspace.noRightsVehicle')}</p>
        </Alert>
      ) : (
        <>
          <SelectField
            {...field('purpose')}
            label={t('workspace.purpose')}
            hint={t('workspace.purposeHint')}
            placeholder={t('workspace.choosePurpose')}
            options={purposes.map((purpose) => ({ value: purpose, label: purposeLabel(purpose, t) }))}
            onChange={choosePurpose}
          />
          <SelectField
            id={inputId('legalBasis')}
            label={t('workspace.legalBasis')}
            hint={t(draft.purpose ? 'workspace.legalBasisHint' : 'workspace.legalBasisFirstPurpose')}
            value={draft.legalBasis}
            error={errorFor('legalBasis')}
            placeholder={t('workspace.chooseLegalBasis')}
            options={bases.map((basis) => ({ value: basis, label: legalBasisLabel(basis, t) }))}
            onChange={(legalBasis) => {
              setDraft((current) => ({ ...current, legalBasis }));
              if (legalBasis) forget('legalBasis');
            }}
          />
        </>
      )}
      <TextField
        {...field('caseNumber')}
        label={t('workspace.caseNumber')}
        hint={t('workspace.caseNumberHint')}
        maxLength={CASE_NUMBER_MAX_LENGTH + 20}
      />
    </CheckedForm>
  );
}

type Translate = TFunction;

function fieldErrorMessage(error: LookupError, draft: LookupDraft, t: Translate): string {
  switch (error.problem) {
    case 'required':
      return t(`workspace.fieldErrors.${error.field}Required`);
    case 'personal-number-digits':
      return t('workspace.fieldErrors.personalNumberDigits');
    case 'personal-number-invalid':
      return t('workspace.fieldErrors.personalNumberInvalid');
    case 'vin-length':
      return t('vehicleCheck.fieldErrors.vinLength', { count: normaliseVin(draft.vin).length });
    case 'vin-ioq':
      return t('vehicleCheck.fieldErrors.vinIoq');
    case 'vin-characters':
      return t('vehicleCheck.fieldErrors.vinCharacters');
    case 'case-number-too-long':
      return t('workspace.fieldErrors.caseNumberTooLong', { max: CASE_NUMBER_MAX_LENGTH });
    case 'case-number-characters':
      return t('workspace.fieldErrors.caseNumberCharacters');
  }
}
