import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { loadSystemStatus, type SystemStatus } from './system-status.ts';

/** While the health records are being seeded, the card asks again this often (keeping what it shows meanwhile). */
const REFRESH_MS = 10_000;

type State =
  | { kind: 'loading' }
  | { kind: 'loaded'; value: SystemStatus }
  | { kind: 'failed'; error: unknown };

/** The platform's status: ready, and how far the demo's health records got in the background. */
export function SystemStatusCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    setState({ kind: 'loading' });
    const load = () =>
      loadSystemStatus(controller.signal).then(
        (value) => {
          setState({ kind: 'loaded', value });
          if (value.healthRecords?.state === 'running') timer = setTimeout(load, REFRESH_MS);
        },
        (error: unknown) => {
          if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
          setState({ kind: 'failed', error });
        },
      );
    void load();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [attempt]);

  const records = state.kind === 'loaded' ? state.value.healthRecords : null;
  return (
    <Card title={t('admin.status.title')}>
      {state.kind === 'loading' && <LoadingIndicator label={t('admin.status.loading')} />}
      {state.kind === 'failed' && (
        <Alert tone="error" title={t('admin.status.failed')}>
          <p>{describeError(state.error, t).title}</p>
          <Button onClick={() => setAttempt((value) => value + 1)}>{t('admin.retry')}</Button>
        </Alert>
      )}
      {state.kind === 'loaded' && (
        <div role="status">
          <p>{t('admin.status.ready')}</p>
          {records && (
            <p>
              {t(`admin.status.healthRecords.${records.state}`, {
                done: format.number(records.done),
                total: format.number(records.total),
              })}
            </p>
          )}
        </div>
      )}
    </Card>
  );
}
