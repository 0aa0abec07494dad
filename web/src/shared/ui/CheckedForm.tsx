import { type Dispatch, type FormEvent, type ReactNode, type SetStateAction, useId, useState } from 'react';
import { Button } from './Button.tsx';
import { Card } from './Card.tsx';
import { ErrorSummary } from './FormFields.tsx';

/** A form's check failed: one entry a problem, each naming its field. */
export interface Refusal<E> {
  ok: false;
  errors: E[];
}

interface CheckedFormOptions<D, E extends { field: string }, S extends { ok: true }> {
  empty: D;
  /** The form's own rules (a pure function, tested on its own): a request, or the problems. */
  check: (draft: D) => S | Refusal<E>;
  /** A problem in words, as the summary and the field show it. */
  describe: (error: E, draft: D) => string;
  busy: boolean;
  onValid: (checked: S) => void;
  /** Typing in a field clears its problem at once (otherwise problems stay until the next attempt). */
  forgetOnChange?: boolean;
}

export interface CheckedFormState<D, E extends { field: string }> {
  draft: D;
  setDraft: Dispatch<SetStateAction<D>>;
  /** Sets one text field of the draft. */
  set: (field: keyof D & string) => (value: string) => void;
  /** Clears the problems of fields the user has just changed in a way that answers them. */
  forget: (...fields: Array<E['field']>) => void;
  inputId: (field: E['field']) => string;
  errorFor: (field: E['field']) => string | null;
  /** The props a TextField or SelectField of this form takes for `name`: its id, value, problem and setter. */
  field: (name: E['field'] & keyof D) => {
    id: string;
    value: string;
    error: string | null;
    onChange: (value: string) => void;
  };
  /** What <CheckedForm> needs: the submit handler and the problems for its summary. */
  form: {
    onSubmit: (event: FormEvent<HTMLFormElement>) => void;
    summary: Array<{ id: string; message: string }>;
    attempt: number;
  };
  errors: readonly E[];
}

/**
 * A form checked on submit: problems are listed in a summary that takes focus, each linking to
 * its field, and repeated at the field; a valid draft goes to `onValid`, never while `busy`.
 */
export function useCheckedForm<D, E extends { field: string }, S extends { ok: true }>(
  options: CheckedFormOptions<D, E, S>,
): CheckedFormState<D, E> {
  const [draft, setDraft] = useState<D>(options.empty);
  const [errors, setErrors] = useState<E[]>([]);
  const [attempt, setAttempt] = useState(0);
  const id = useId();
  const inputId = (field: E['field']) => `${id}-${field}`;
  const message = (error: E) => options.describe(error, draft);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (options.busy) return;
    const result = options.check(draft);
    setAttempt((value) => value + 1);
    if (!result.ok) {
      setErrors(result.errors);
      return;
    }
    setErrors([]);
    options.onValid(result);
  }

  const set = (field: keyof D & string) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const forget = (...fields: Array<E['field']>) =>
    setErrors((current) => current.filter((error) => !fields.includes(error.field)));
  const errorFor = (field: E['field']) => {
    const error = errors.find((candidate) => candidate.field === field);
    return error ? message(error) : null;
  };

  return {
    draft,
    setDraft,
    set,
    forget,
    inputId,
    errorFor,
    field: (name) => ({
      id: inputId(name),
      value: String(draft[name]),
      error: errorFor(name),
      onChange: (value) => {
        set(name)(value);
        if (options.forgetOnChange) forget(name);
      },
    }),
    form: {
      onSubmit,
      summary: errors.map((error) => ({ id: inputId(error.field), message: message(error) })),
      attempt,
    },
    errors,
  };
}

interface CheckedFormProps {
  title: string;
  summaryTitle: string;
  form: CheckedFormState<unknown, { field: string }>['form'];
  submitLabel: string;
  busy: boolean;
  /** False hides the submit button (nothing may be asked yet). */
  canSubmit?: boolean;
  children: ReactNode;
}

/** The card a checked form stands in: its error summary first, its fields, one large submit button. */
export function CheckedForm({
  title,
  summaryTitle,
  form,
  submitLabel,
  busy,
  canSubmit = true,
  children,
}: CheckedFormProps) {
  return (
    <Card title={title}>
      <form className="form" noValidate onSubmit={form.onSubmit}>
        <ErrorSummary title={summaryTitle} errors={form.summary} attempt={form.attempt} />
        {children}
        {canSubmit && (
          <div className="button-group">
            <Button type="submit" className="button--large" disabled={busy}>
              {submitLabel}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
