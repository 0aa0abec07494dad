import { type MouseEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { fieldInputId } from './PrefilledFieldRow.tsx';
import type { FieldKind, FieldName } from './parking-permit-fields.ts';

interface FieldError {
  name: FieldName;
  kind: FieldKind;
  message: string;
}

/**
 * The problems of the last confirmation attempt, each linking to its field. It takes focus
 * after every failed attempt, so keyboard and screen-reader users start from the list.
 */
export function ErrorSummary({ errors, submission }: { errors: FieldError[]; submission: number }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const hasErrors = errors.length > 0;

  useEffect(() => {
    if (submission > 0 && hasErrors) ref.current?.focus();
  }, [submission, hasErrors]);

  if (!hasErrors) return null;

  function focusField(event: MouseEvent<HTMLAnchorElement>, name: FieldName) {
    // The router owns the URL: move focus instead of writing a fragment into the history.
    event.preventDefault();
    const input = document.getElementById(fieldInputId(name));
    input?.focus();
    input?.scrollIntoView({ block: 'center' });
  }

  return (
    <Alert ref={ref} tone="error" title={t('confirmData.errorSummary')}>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={error.name}>
            <a href={`#${fieldInputId(error.name)}`} onClick={(event) => focusField(event, error.name)}>
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
