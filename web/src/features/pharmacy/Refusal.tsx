import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';

/** A refused search or dispense, in words; it takes focus. A wrong pair never says which half was wrong. */
export function Refusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { title, detail } = describeError(error, t);
  return (
    <Alert ref={ref} tone="error" title={title}>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
