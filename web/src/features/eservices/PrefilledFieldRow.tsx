import { type Ref, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { PersonalNumber } from '../../shared/ui/PersonalNumber.tsx';
import { displayValue } from './display-value.ts';
import type { FieldDefinition, FieldName } from './parking-permit-fields.ts';
import type { PrefillRow } from './prefill-rows.ts';
import '../../shared/ui/FormFields.css';

export const fieldInputId = (name: FieldName) => `confirm-${name}`;

interface PrefilledFieldRowProps {
  row: PrefillRow;
  value: string;
  editing: boolean;
  error: string | null;
  sourceName: string;
  onChange: (value: string) => void;
  onEdit: () => void;
  onUseRegisterValue: () => void;
}

/**
 * One field of the form: the register's value as text, or an input when the register could not
 * supply it or the citizen corrects it. The source badge describes the value, the input and the
 * Edit button (aria-describedby), so a screen reader says where the data came from.
 */
export function PrefilledFieldRow(props: PrefilledFieldRowProps) {
  const { row, value, editing, error, sourceName, onChange, onEdit, onUseRegisterValue } = props;
  const { t } = useTranslation();
  const { field } = row;
  const inputId = fieldInputId(field.name);
  const ids = {
    label: `${inputId}-label`,
    source: `${inputId}-source`,
    note: `${inputId}-note`,
    error: `${inputId}-error`,
  };
  const label = t(`confirmData.fields.${field.name}`);
  const asksForInput = row.registerValue === null || editing;
  const describedBy = [error && ids.error, row.missing && ids.note, ids.source].filter(Boolean).join(' ');

  // Focus follows the person's action: into the input after Edit, back to Edit after undoing.
  const pendingFocus = useRef<'input' | 'edit' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `editing` is the trigger: the target exists only after it changed.
  useEffect(() => {
    if (pendingFocus.current === 'input') inputRef.current?.focus();
    if (pendingFocus.current === 'edit') editRef.current?.focus();
    pendingFocus.current = null;
  }, [editing]);

  return (
    <div className={error ? 'field prefill-field prefill-field--error' : 'field prefill-field'}>
      <dt className="field__label" id={ids.label}>
        {asksForInput && field.kind !== 'yesNo' ? <label htmlFor={inputId}>{label}</label> : label}
      </dt>
      <dd className="field__value prefill-field__body">
        {row.missing && (
          <span id={ids.note} className="prefill-field__note">
            {row.missing === 'no-value'
              ? t('confirmData.missingNoValue')
              : t('confirmData.missingUnanswered')}
          </span>
        )}
        {error && (
          <span id={ids.error} className="prefill-field__error">
            {error}
          </span>
        )}
        {asksForInput ? (
          <FieldInput
            field={field}
            inputRef={inputRef}
            value={value}
            invalid={error !== null}
            labelId={ids.label}
            describedBy={describedBy}
            onChange={onChange}
          />
        ) : (
          <ReadOnlyValue field={field} value={value} />
        )}
        {row.registerValue !== null && editing && (
          <Button
            variant="secondary"
            onClick={() => {
              pendingFocus.current = 'edit';
              onUseRegisterValue();
            }}
          >
            {t('confirmData.useRegisterValue')}
            <span className="visually-hidden">: {label}</span>
          </Button>
        )}
        {row.registerValue !== null && !editing && field.correctable && (
          <Button
            ref={editRef}
            variant="secondary"
            aria-describedby={ids.source}
            onClick={() => {
              pendingFocus.current = 'input';
              onEdit();
            }}
          >
            {t('confirmData.edit')}
            <span className="visually-hidden"> {label}</span>
          </Button>
        )}
        <span id={ids.source} className="source-badge">
          {t('confirmData.source', { register: sourceName })}
        </span>
      </dd>
    </div>
  );
}

function ReadOnlyValue({ field, value }: { field: FieldDefinition; value: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (field.name === 'personalNumber') return <PersonalNumber value={value} />;
  const text = displayValue(field.kind, value, {
    date: format.date,
    yes: t('confirmData.yes'),
    no: t('confirmData.no'),
  });
  return (
    <span className="prefill-field__value" lang={field.bulgarianText ? 'bg' : undefined}>
      {text}
    </span>
  );
}

interface FieldInputProps {
  field: FieldDefinition;
  inputRef: Ref<HTMLInputElement>;
  value: string;
  invalid: boolean;
  labelId: string;
  describedBy: string;
  onChange: (value: string) => void;
}

function FieldInput({ field, inputRef, value, invalid, labelId, describedBy, onChange }: FieldInputProps) {
  const { t } = useTranslation();
  const id = fieldInputId(field.name);
  if (field.kind === 'yesNo') {
    return (
      <div
        role="radiogroup"
        aria-labelledby={labelId}
        aria-describedby={describedBy}
        aria-required="true"
        aria-invalid={invalid || undefined}
        className="choices"
      >
        {(['true', 'false'] as const).map((choice) => (
          <label key={choice} className="choice">
            <input
              ref={choice === 'true' ? inputRef : undefined}
              id={choice === 'true' ? id : undefined}
              type="radio"
              name={field.name}
              value={choice}
              checked={value === choice}
              onChange={() => onChange(choice)}
            />
            {choice === 'true' ? t('confirmData.yes') : t('confirmData.no')}
          </label>
        ))}
      </div>
    );
  }
  return (
    <input
      ref={inputRef}
      id={id}
      name={field.name}
      className="form-input"
      type={field.kind === 'date' ? 'date' : 'text'}
      value={value}
      required
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      autoComplete={field.autoComplete ?? 'off'}
      spellCheck={false}
      lang={field.bulgarianText ? 'bg' : undefined}
      onChange={(event) => onChange(event.target.value)}
    />
  );
}
