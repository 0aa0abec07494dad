import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import type { AuditSearch } from './audit-query.ts';
import { HiddenCasesCard } from './HiddenCasesCard.tsx';
import { LogCheckCard } from './LogCheckCard.tsx';
import { UsageResults } from './UsageResults.tsx';
import { UsageSearchForm } from './UsageSearchForm.tsx';
import { useAuditLog } from './use-audit-log.ts';
import '../data-usage/DataUsage.css';
import './AuditConsole.css';

/** The auditor's console: the public log checked in this browser, the usage search, the hidden cases. */
export function AuditConsoleScreen() {
  const { t } = useTranslation();
  const { state: logState, recheck } = useAuditLog();
  const [search, setSearch] = useState<{ search: AuditSearch; number: number } | null>(null);
  const log = logState.kind === 'ready' ? logState.log : { kind: 'checking' as const };

  return (
    <div className="stack">
      <PageHeading title={t('auditConsole.title')}>{t('auditConsole.title')}</PageHeading>
      <p className="lead">{t('auditConsole.intro')}</p>
      <LogCheckCard state={logState} onRecheck={recheck} />
      <UsageSearchForm
        busy={false}
        onSearch={(next) => setSearch((current) => ({ search: next, number: (current?.number ?? 0) + 1 }))}
      />
      {/* Each search is a new list (and a new recorded look); checking the log again re-checks it. */}
      {search && <UsageResults key={search.number} search={search.search} log={log} />}
      <HiddenCasesCard />
    </div>
  );
}
