import type { Monitoring, RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../shared/ui/FormFields.css';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { serviceName } from './admin-names.ts';
import { loadMonitoring, MONITORING_PERIODS, type MonitoringPeriod } from './exchange-admin.ts';
import { LocalNames } from './LocalNames.tsx';

type State = { kind: 'loading' } | { kind: 'loaded'; value: Monitoring } | { kind: 'failed'; error: unknown };

/** Messages, errors and answer times per service over a period, from this node's message log. */
export function MonitoringCard({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [period, setPeriod] = useState<MonitoringPeriod>(60);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State>({ kind: 'loading' });
  const periodId = useId();

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry trigger.
  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    loadMonitoring(period, controller.signal).then(
      (value) => setState({ kind: 'loaded', value }),
      (error: unknown) => {
        if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [period, attempt]);

  const ms = (value: number | null) =>
    value === null ? '–' : t('admin.monitoring.ms', { value: format.number(Math.round(value)) });

  return (
    <Card title={t('admin.monitoring.title')}>
      <div className="admin-filter">
        <label htmlFor={periodId}>{t('admin.monitoring.period')}</label>
        <select
          id={periodId}
          className="form-input admin-control"
          value={period}
          onChange={(event) => setPeriod(Number(event.target.value) as MonitoringPeriod)}
        >
          {MONITORING_PERIODS.map((minutes) => (
            <option key={minutes} value={minutes}>
              {t(`admin.monitoring.periods.${minutes}`)}
            </option>
          ))}
        </select>
      </div>
      {state.kind === 'loading' && <LoadingIndicator label={t('admin.monitoring.loading')} />}
      {state.kind === 'failed' && (
        <Alert tone="error" title={t('admin.monitoring.failed')}>
          <p>{describeError(state.error, t).title}</p>
          <Button onClick={() => setAttempt((value) => value + 1)}>{t('admin.retry')}</Button>
        </Alert>
      )}
      {state.kind === 'loaded' && (
        <>
          <p role="status">
            {t('admin.monitoring.summary', {
              since: format.dateTime(state.value.since),
              count: state.value.services.reduce((sum, service) => sum + service.messages, 0),
            })}
          </p>
          {state.value.services.length === 0 ? (
            <p>{t('admin.monitoring.empty')}</p>
          ) : (
            <ul className="admin-list">
              {state.value.services.map((row) => (
                <li key={row.service} className="admin-list__item">
                  <h3 className="admin-list__title">
                    {row.service === '(invalid)' ? (
                      t('admin.monitoring.invalid')
                    ) : (
                      <LocalNames names={serviceName(row.service, registry, t)} />
                    )}
                  </h3>
                  <FieldList>
                    <Field label={t('admin.monitoring.messages')}>{format.number(row.messages)}</Field>
                    <Field label={t('admin.monitoring.errors')}>{format.number(row.errors)}</Field>
                    <Field label={t('admin.monitoring.p50')}>{ms(row.p50)}</Field>
                    <Field label={t('admin.monitoring.p95')}>{ms(row.p95)}</Field>
                    <Field label={t('admin.monitoring.p99')}>{ms(row.p99)}</Field>
                  </FieldList>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </Card>
  );
}
