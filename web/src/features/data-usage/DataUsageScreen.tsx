import type { DataUsageSessionsPage, UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useUsageVerification } from '../../shared/api/use-usage-verification.ts';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import { useSessionStatus } from '../../shared/auth/session-store.ts';
import { sessionSubject } from '../../shared/auth/session-subject.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { LogStatus } from './LogStatus.tsx';
import { UsageFiltersForm } from './UsageFiltersForm.tsx';
import { UsageSessionEntry } from './UsageSessionEntry.tsx';
import { hasFilters, NO_FILTERS, type UsageFilters } from './usage-query.ts';
import { type MoreState, useUsagePages } from './use-usage-pages.ts';
import './DataUsage.css';

const NO_RECORDS: UsageRecord[] = [];

/** "Who used my data": every access to the person's data, each checked against the public log. */
export function DataUsageScreen() {
  const { t } = useTranslation();
  const session = useSessionStatus();
  const personalNumber = session.kind === 'active' ? sessionSubject(session.session) : null;
  const [filters, setFilters] = useState<UsageFilters>(NO_FILTERS);
  const { state, loadMore, retry } = useUsagePages(filters);
  const facets = useFacets(state.kind === 'loaded' ? state.page : null);
  const sessions = state.kind === 'loaded' ? state.page.items : null;
  // Every record of every session shown is checked against the log, as each was before grouping.
  const records = useMemo(() => sessions?.flatMap((session) => session.records) ?? NO_RECORDS, [sessions]);
  const { log, checks } = useUsageVerification(records, personalNumber);
  const resultsHeading = useId();

  return (
    <div className="stack">
      <PageHeading title={t('dataUsage.title')}>{t('dataUsage.title')}</PageHeading>
      <p className="lead">{t('dataUsage.intro')}</p>
      <LogStatus log={log} />
      <UsageFiltersForm
        applied={filters}
        organisations={facets.organisations}
        purposes={facets.purposes}
        onApply={setFilters}
      />
      <section className="stack" aria-labelledby={resultsHeading}>
        <h2 id={resultsHeading}>{t('dataUsage.results')}</h2>
        {state.kind === 'loading' && <LoadingIndicator label={t('dataUsage.loading')} />}
        {state.kind === 'failed' && (
          <LoadFailed
            retryLabel={t('dataUsage.retry')}
            title={t('dataUsage.loadFailed')}
            error={state.error}
            onRetry={retry}
          />
        )}
        {state.kind === 'loaded' && (
          <UsageList
            page={state.page}
            more={state.more}
            checks={checks}
            filtered={hasFilters(filters)}
            onLoadMore={loadMore}
          />
        )}
      </section>
    </div>
  );
}

/** The filter choices of the last answer, kept while the next one loads. */
type Facets = Pick<DataUsageSessionsPage, 'organisations' | 'purposes'>;

function useFacets(page: DataUsageSessionsPage | null): Facets {
  const [facets, setFacets] = useState<Facets>({
    organisations: [],
    purposes: [],
  });
  useEffect(() => {
    if (page) setFacets({ organisations: page.organisations, purposes: page.purposes });
  }, [page]);
  return facets;
}

interface UsageListProps {
  page: DataUsageSessionsPage;
  more: MoreState;
  checks: ReadonlyMap<string, UsageCheck>;
  filtered: boolean;
  onLoadMore: () => void;
}

function UsageList({ page, more, checks, filtered, onLoadMore }: UsageListProps) {
  const { t } = useTranslation();
  const [now] = useState(() => new Date());
  const list = useRef<HTMLOListElement>(null);
  const firstNew = useRef<number | null>(null);
  const shown = page.items.length;

  // After "show more", focus moves to the first record added, where reading continues.
  useEffect(() => {
    if (firstNew.current === null || firstNew.current >= shown) return;
    (list.current?.children[firstNew.current] as HTMLElement | undefined)?.focus();
    firstNew.current = null;
  }, [shown]);

  if (shown === 0) return <p>{filtered ? t('dataUsage.emptyFiltered') : t('dataUsage.empty')}</p>;
  return (
    <>
      <p role="status">
        {t('dataUsage.count', { count: page.records })} {t('dataUsage.sessions', { count: page.total })}
        {shown < page.total && ` ${t('dataUsage.showing', { shown, total: page.total })}`}
      </p>
      <ol ref={list} className="usage-list">
        {page.items.map((session) => (
          <li key={session.id} tabIndex={-1} className="usage-list__item">
            <UsageSessionEntry session={session} checks={checks} now={now} />
          </li>
        ))}
      </ol>
      {more.kind === 'loading' && <LoadingIndicator label={t('dataUsage.loadingMore')} />}
      {more.kind === 'failed' && (
        <LoadFailed
          retryLabel={t('dataUsage.retry')}
          title={t('dataUsage.loadMoreFailed')}
          error={more.error}
          onRetry={() => {
            firstNew.current = shown;
            onLoadMore();
          }}
        />
      )}
      {more.kind === 'idle' && shown < page.total && (
        <div className="button-group">
          <Button
            variant="secondary"
            onClick={() => {
              firstNew.current = shown;
              onLoadMore();
            }}
          >
            {t('dataUsage.showMore')}
          </Button>
        </div>
      )}
    </>
  );
}
