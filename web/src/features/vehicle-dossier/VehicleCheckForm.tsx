import type { TFunction } from 'i18next';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { ChoiceGroup, ErrorSummary, TextField } from '../../shared/ui/FormFields.tsx';
import { localIsoDate } from '../profile/validity.ts';
import type { PublicReportRequest } from './report.ts';
import {
  EMPTY_VEHICLE_CHECK,
  type FactKind,
  normaliseVin,
  type VehicleCheckDraft,
  type VehicleCheckError,
  type VehicleCheckField,
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
  const [draft, setDraft] = useState<VehicleCheckDraft>(EMPTY_VEHICLE_CHECK);
  const [errors, setErrors] = useState<VehicleCheckError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const id = useId();
  const inputId = (field: VehicleCheckField) => `${id}-${field}`;

  const set = (name: keyof VehicleCheckDraft) => (value: string) =>
    setDraft((current) => ({ ...current, [name]: value }));

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const result = validateVehicleCheck(draft, localIsoDate(new Date()));
    setAttempt((value) => value + 1);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    onSubmit(result.request);
  }

  const message = (error: VehicleCheckError) => fieldErrorMessage(error, draft, t);
  const errorFor = (field: VehicleCheckField) => {
    const error = errors.find((candidate) => candidate.field === field);
    return error ? message(error) : null;
  };

  return (
    <Card title={t('vehicleCheck.formTitle')}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        <ErrorSummary
          title={t('vehicleCheck.errorSummary')}
          errors={errors.map((error) => ({ id: inputId(error.field), message: message(error) }))}
          attempt={attempt}
        />
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
            setErrors((current) =>
              current.filter((error) => error.field !== 'vin' && error.field !== 'plate'),
            );
          }}
        />
        {draft.keyKind === 'vin' ? (
          <TextField
            id={inputId('vin')}
            label={t('vehicleCheck.vin')}
            hint={t('vehicleCheck.vinHint')}
            value={draft.vin}
            error={errorFor('vin')}
            onChange={set('vin')}
            code
            maxLength={25}
          />
        ) : (
          <TextField
            id={inputId('plate')}
            label={t('vehicleCheck.plate')}
            hint={t('vehicleCheck.plateHint')}
            value={draft.plate}
            error={errorFor('plate')}
            onChange={set('plate')}
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
            setErrors((current) =>
              current.filter(
                (error) =>
                  error.field !== 'firstRegistrationDate' && error.field !== 'registrationCertificateNumber',
              ),
            );
          }}
        />
        {draft.factKind === 'firstRegistrationDate' ? (
          <TextField
            id={inputId('firstRegistrationDate')}
            label={t('vehicleCheck.firstRegistrationDate')}
            hint={t('vehicleCheck.firstRegistrationDateHint')}
            value={draft.firstRegistrationDate}
            error={errorFor('firstRegistrationDate')}
            onChange={set('firstRegistrationDate')}
            type="date"
          />
        ) : (
          <TextField
            id={inputId('registrationCertificateNumber')}
            label={t('vehicleCheck.certificate')}
            hint={t('vehicleCheck.certificateHint')}
            value={draft.registrationCertificateNumber}
            error={errorFor('registrationCertificateNumber')}
            onChange={set('registrationCertificateNumber')}
            code
            maxLength={25}
          />
        )}
        <div className="button-group">
          <Button type="submit" className="button--large" disabled={busy}>
            {t('vehicleCheck.submit')}
          </Button>
        </div>
      </form>
    </Card>
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
