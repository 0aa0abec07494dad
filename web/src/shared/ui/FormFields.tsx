import { type MouseEvent, type ReactNode, useEffect, useRef } from 'react';
import { Alert } from './Alert.tsx';
import './FormFields.css';

/**
 * A form's problems after a failed attempt, each linking to its field. It takes focus after
 * every failed attempt (`attempt` counts them), so keyboard and screen-reader users start here.
 */
export function ErrorSummary({
  title,
  errors,
  attempt,
}: {
  title: string;
  errors: Array<{ id: string; message: string }>;
  attempt: number;
}) {
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
    <Alert ref={ref} tone="error" title={title}>
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

/** Radio buttons under a legend. */
export function ChoiceGroup<T extends string>({
  name,
  legend,
  value,
  choices,
  onChange,
}: ChoiceGroupProps<T>) {
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

interface FieldFrameProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error: string | null;
  children: (describedBy: string | undefined) => ReactNode;
}

/** A field's label, hint and error around its control; the control is described by both. */
function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'form-group form-group--error' : 'form-group'}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span id={hintId} className="form-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="form-error">
          {error}
        </span>
      )}
      {children(describedBy)}
    </div>
  );
}

interface TextFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  type?: 'text' | 'date';
  /** Letters and digits read out one by one (VIN, plate, certificate number). */
  code?: boolean;
  /** Digits only: a numeric keyboard on a phone. */
  numeric?: boolean;
  short?: boolean;
  /** Not required (the label should say so). */
  optional?: boolean;
  maxLength?: number;
}

export function TextField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  type = 'text',
  code = false,
  numeric = false,
  short = false,
  optional = false,
  maxLength,
}: TextFieldProps) {
  const className = ['form-input', code && 'form-input--code', short && 'form-input--short']
    .filter(Boolean)
    .join(' ');
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          className={className}
          type={type}
          value={value}
          maxLength={maxLength}
          required={!optional}
          inputMode={numeric ? 'numeric' : undefined}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoComplete="off"
          autoCapitalize={code ? 'characters' : undefined}
          spellCheck={false}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}

/** A vehicle identification number: read out one character at a time, room for the spaces and dashes people type. */
export function VinField(props: Omit<TextFieldProps, 'code' | 'numeric' | 'type' | 'maxLength'>) {
  return <TextField {...props} code maxLength={25} />;
}

interface SelectFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  error: string | null;
  /** The first, empty option ("Choose …"), shown while nothing is chosen. */
  placeholder: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
}

/** A choice from a list the form was given (never free text). */
export function SelectField({
  id,
  label,
  hint,
  value,
  error,
  placeholder,
  options,
  onChange,
}: SelectFieldProps) {
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <select
          id={id}
          className="form-input form-select"
          value={value}
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        >
          <option value="">{placeholder}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
