import type { AuditUsagePage } from '@civitas/contracts/api/audit.ts';
import type { UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { type LogState, useRecordChecks } from '../../shared/api/use-usage-verification.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { AuditUsageEntry } from './AuditUsageEntry.tsx';
import { fetchAuditUsage } from './audit-client.ts';
import type { AuditSearch } from './audit-query.ts';

type ResultsState =
  | { kind: 'loading' }
  | { kind: 'failed'; error: unknown }
  | { kind: 'loaded'; page: AuditUsagePage; more: 'idle' | 'loading' | { failed: unknown } };

const NO_RECORDS: UsageRecord[] = [];

/**
 * The records a search found, a page at a time, each verified in this browser against the log:
 * its content against its entry, its entry in the checkpoint, and (when the search named a
 * person) the entry's commitment to that person.
 */
export function UsageResults({ search, log }: { search: AuditSearch; log: LogState }) {
  const { t } = useTranslation();
  const [state, setState] = useState<ResultsState>({ kind: 'loading' });
  const controller = useRef<AbortController | null>(null);
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const records = state.kind === 'loaded' ? state.page.items : NO_RECORDS;
  const checks = useRecordChecks(records, search.subject, log);

  useEffect(() => {
    const current = new AbortController();
    controller.current = current;
    setState({ kind: 'loading' });
    fetchAuditUsage(search, 0, current.signal).then(
      (page) => {
        setState({ kind: 'loaded', page, more: 'idle' });
        heading.current?.focus();
      },
      (error: unknown) => {
        if (current.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'failed', error });
        heading.current?.focus();
      },
    );
    return () => current.abort();
  }, [search]);

  function loadMore() {
    const signal = controller.current?.signal;
    if (state.kind !== 'loaded' || state.more === 'loading' || !signal) return;
    const loaded = state.page;
    setState({ kind: 'loaded', page: loaded, more: 'loading' });
    fetchAuditUsage(search, loaded.items.length, signal).then(
      (next) => {
        const seen = new Set(loaded.items.map((item) => item.id));
        const items = [...loaded.items, ...next.items.filter((item) => !seen.has(item.id))];
        setState({
          kind: 'loaded',
          page: { total: next.items.length === 0 ? items.length : next.total, items },
          more: 'idle',
        });
      },
      (error: unknown) => {
        if (signal.aborted || (error instanceof ApiError && error.status === 401)) return;
        setState({ kind: 'loaded', page: loaded, more: { failed: error } });
      },
    );
  }

  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('auditConsole.results.title')}
      </h2>
      {state.kind === 'loading' && <LoadingIndicator label={t('auditConsole.results.loading')} />}
      {state.kind === 'failed' && <SearchFailed error={state.error} />}
      {state.kind === 'loaded' && state.page.items.length === 0 && <p>{t('auditConsole.results.empty')}</p>}
      {state.kind === 'loaded' && state.page.items.length > 0 && (
        <>
          <p role="status">
            {t('auditConsole.results.count', { count: state.page.total })}
            {state.page.items.length < state.page.total &&
              ` ${t('dataUsage.showing', { shown: state.page.items.length, total: state.page.total })}`}
          </p>
          <ol className="usage-list">
            {state.page.items.map((record) => (
              <li key={record.id} className="usage-list__item">
                <AuditUsageEntry record={record} check={checks.get(record.id)} />
              </li>
            ))}
          </ol>
          {state.more === 'loading' && <LoadingIndicator label={t('dataUsage.loadingMore')} />}
          {typeof state.more === 'object' && <SearchFailed error={state.more.failed} />}
          {state.more !== 'loading' && state.page.items.length < state.page.total && (
            <div className="button-group">
              <Button variant="secondary" onClick={loadMore}>
                {t('dataUsage.showMore')}
              </Button>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function SearchFailed({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('auditConsole.results.failed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
