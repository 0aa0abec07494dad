import type { RegisterChangeResult } from '@civitas/contracts/api/register-changes.ts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';

export type ChangeState =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'done'; result: RegisterChangeResult }
  | { kind: 'failed'; error: unknown };

/** What became of a change: recorded (with its number in the change log), or why not. Takes focus when it arrives. */
export function ChangeOutcome({ state }: { state: ChangeState }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.kind === 'done' || state.kind === 'failed') box.current?.focus();
  }, [state]);

  if (state.kind === 'done') {
    const { result } = state;
    return (
      <Alert ref={box} tone="success" title={t(`registerChanges.done.${result.kind}`)}>
        <p>
          {t('registerChanges.recorded', {
            key: result.key,
            number: result.changeId,
            time: format.dateTime(result.at),
          })}
        </p>
        <p>{t('registerChanges.walletNote')}</p>
      </Alert>
    );
  }
  if (state.kind === 'failed') {
    const { title, detail } = describeError(state.error, t);
    return (
      <Alert ref={box} tone="error" title={t('registerChanges.failed')}>
        <p>{title}</p>
        {detail && <p>{detail}</p>}
      </Alert>
    );
  }
  return null;
}
