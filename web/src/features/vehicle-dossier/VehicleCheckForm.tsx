import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../shared/i18n/format-date.ts';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { ChoiceGroup, TextField, VinField } from '../../shared/ui/FormFields.tsx';
import type { PublicReportRequest } from './report.ts';
import {
  EMPTY_VEHICLE_CHECK,
  type FactKind,
  normaliseVin,
  type VehicleCheckDraft,
  type VehicleCheckError,
  type VehicleKeyKind,
  validateVehicleCheck,
} from './vehicle-check-form.ts';

interface VehicleCheckFormProps {
  busy: boolean;
  onSubmit: (request: PublicReportRequest) => void;
}

/**
 * VIN or plate, and the first-registration date or the certificate number. Problems are listed
 * in an error summary that takes focus, each linking to its field, and repeated at the field.
 */
export function VehicleCheckForm({ busy, onSubmit }: VehicleCheckFormProps) {
  const { t } = useTranslation();
  const { draft, set, forget, field, form } = useCheckedForm({
    empty: EMPTY_VEHICLE_CHECK,
    check: (current: VehicleCheckDraft) => validateVehicleCheck(current, localIsoDate(new Date())),
    describe: (error: VehicleCheckError, current) => fieldErrorMessage(error, current, t),
    busy,
    onValid: (checked) => onSubmit(checked.request),
  });
  const id = useId();

  return (
    <CheckedForm
      title={t('vehicleCheck.formTitle')}
      summaryTitle={t('vehicleCheck.errorSummary')}
      form={form}
      submitLabel={t('vehicleCheck.submit')}
      busy={busy}
    >
      <ChoiceGroup<VehicleKeyKind>
        name={`${id}-key`}
        legend={t('vehicleCheck.keyLegend')}
        value={draft.keyKind}
        choices={[
          { value: 'vin', label: t('vehicleCheck.keyVin') },
          { value: 'plate', label: t('vehicleCheck.keyPlate') },
        ]}
        onChange={(value) => {
          set('keyKind')(value);
          forget('vin', 'plate');
        }}
      />
      {draft.keyKind === 'vin' ? (
        <VinField {...field('vin')} label={t('vehicleCheck.vin')} hint={t('vehicleCheck.vinHint')} />
      ) : (
        <TextField
          {...field('plate')}
          label={t('vehicleCheck.plate')}
          hint={t('vehicleCheck.plateHint')}
          code
          maxLength={20}
        />
      )}
      <ChoiceGroup<FactKind>
        name={`${id}-fact`}
        legend={t('vehicleCheck.factLegend')}
        value={draft.factKind}
        choices={[
          { value: 'firstRegistrationDate', label: t('vehicleCheck.factDate') },
          { value: 'registrationCertificateNumber', label: t('vehicleCheck.factCertificate') },
        ]}
        onChange={(value) => {
          set('factKind')(value);
          forget('firstRegistrationDate', 'registrationCertificateNumber');
        }}
      />
      {draft.factKind === 'firstRegistrationDate' ? (
        <TextField
          {...field('firstRegistrationDate')}
          label={t('vehicleCheck.firstRegistrationDate')}
          hint={t('vehicleCheck.firstRegistrationDateHint')}
          type="date"
        />
      ) : (
        <TextField
          {...field('registrationCertificateNumber')}
          label={t('vehicleCheck.certificate')}
          hint={t('vehicleCheck.certificateHint')}
          code
          maxLength={25}
        />
      )}
    </CheckedForm>
  );
}

// i18next's own TFunction: `ReturnType<typeof useTranslation>['t']` is too deep for TypeScript at our key count.
type Translate = TFunction;

function fieldErrorMessage(error: VehicleCheckError, draft: VehicleCheckDraft, t: Translate): string {
  switch (error.problem) {
    case 'required':
      return {
        vin: t('vehicleCheck.fieldErrors.vinRequired'),
        plate: t('vehicleCheck.fieldErrors.plateRequired'),
        firstRegistrationDate: t('vehicleCheck.fieldErrors.dateRequired'),
        registrationCertificateNumber: t('vehicleCheck.fieldErrors.certificateRequired'),
      }[error.field];
    case 'vin-length':
      return t('vehicleCheck.fieldErrors.vinLength', { count: normaliseVin(draft.vin).length });
    case 'vin-ioq':
      return t('vehicleCheck.fieldErrors.vinIoq');
    case 'vin-characters':
      return t('vehicleCheck.fieldErrors.vinCharacters');
    case 'plate-format':
      return t('vehicleCheck.fieldErrors.plateFormat');
    case 'date-invalid':
      return t('vehicleCheck.fieldErrors.dateInvalid');
    case 'date-future':
      return t('vehicleCheck.fieldErrors.dateFuture');
    case 'certificate-format':
      return t('vehicleCheck.fieldErrors.certificateFormat');
  }
}
