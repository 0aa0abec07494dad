import type { TFunction } from 'i18next';
import { type FormEvent, type MouseEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../profile/validity.ts';
import { Alert } from '../ui/Alert.tsx';
import { Button } from '../ui/Button.tsx';
import { Card } from '../ui/Card.tsx';
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

/** The problems of the last attempt, each linking to its field; focused after every failed attempt. */
function ErrorSummary({
  errors,
  attempt,
}: {
  errors: Array<{ id: string; message: string }>;
  attempt: number;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;
  useEffect(() => {
    if (attempt > 0 && hasErrors) ref.current?.focus();
  }, [attempt, hasErrors]);
  if (!hasErrors) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, id: string) {
    // The router owns the URL: move focus instead of writing a fragment into the history.
    event.preventDefault();
    const input = document.getElementById(id);
    input?.focus();
    input?.scrollIntoView({ block: 'center' });
  }

  return (
    <Alert ref={ref} tone="error" title={t('vehicleCheck.errorSummary')}>
      <ul className="error-summary-list">
        {errors.map((error) => (
          <li key={error.id}>
            <a href={`#${error.id}`} onClick={(event) => focusField(event, error.id)}>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

interface ChoiceGroupProps<T extends string> {
  name: string;
  legend: string;
  value: T;
  choices: Array<{ value: T; label: string }>;
  onChange: (value: T) => void;
}

function ChoiceGroup<T extends string>({ name, legend, value, choices, onChange }: ChoiceGroupProps<T>) {
  return (
    <fieldset className="form-group">
      <legend>{legend}</legend>
      <div className="form-choices">
        {choices.map((choice) => (
          <label key={choice.value} className="form-choice">
            <input
              type="radio"
              name={name}
              value={choice.value}
              checked={value === choice.value}
              onChange={() => onChange(choice.value)}
            />
            {choice.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint: string;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  /** Letters and digits read out one by one (VIN, plate, certificate number). */
  code?: boolean;
  maxLength?: number;
}

function TextField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  type = 'text',
  code = false,
  maxLength,
}: TextFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <span id={hintId} className="form-hint">
        {hint}
      </span>
      {error && (
        <span id={errorId} className="form-error">
          {error}
        </span>
      )}
      <input
        id={id}
        className={code ? 'form-input form-input--code' : 'form-input'}
        type={type}
        value={value}
        maxLength={maxLength}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${errorId} ${hintId}` : hintId}
        autoComplete="off"
        autoCapitalize={code ? 'characters' : undefined}
        spellCheck={false}
        onChange={(event) => onChange(event.target.value)}
      />
    </div>
  );
}
