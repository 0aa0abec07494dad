import { useTranslation } from 'react-i18next';
import { describeError } from '../api/describe-error.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

interface LoadFailedProps {
  /** What could not be loaded, as the screen says it. */
  title: string;
  error: unknown;
  retryLabel: string;
  onRetry: () => void;
}

/** A load that failed: what, why in words (never a code), and a button to try again. */
export function LoadFailed({ title, error, retryLabel, onRetry }: LoadFailedProps) {
  const { t } = useTranslation();
  const description = describeError(error, t);
  return (
    <Alert tone="error" title={title}>
      <p>{description.title}</p>
      {description.detail && <p>{description.detail}</p>}
      <Button onClick={onRetry}>{retryLabel}</Button>
    </Alert>
  );
}
