interface TextAreaFieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  value: string;
  error: string | null;
  onChange: (value: string) => void;
  optional?: boolean;
  rows?: number;
  /** Shown under the field as it is typed (e.g. "42 of 500 characters"). */
  counter?: string;
}

/** Free text over several lines, framed like the shared fields (label, hint, error, described by both). */
export function TextAreaField({
  id,
  label,
  hint,
  value,
  error,
  onChange,
  optional = false,
  rows = 4,
  counter,
}: TextAreaFieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const describedBy =
    [error ? errorId : null, hint ? hintId : null, counter ? counterId : null].filter(Boolean).join(' ') ||
    undefined;
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
      <textarea
        id={id}
        className="form-input form-textarea"
        rows={rows}
        value={value}
        required={!optional}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value)}
      />
      {counter && (
        <span id={counterId} className="form-hint clinic-counter">
          {counter}
        </span>
      )}
    </div>
  );
}
