import type { UsageRecord, UsageSession } from '@civitas/contracts/api/data-usage.ts';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { failedCount, sessionCheck } from './session-check.ts';
import { useSessionTimes } from './session-time.ts';
import { EmergencyNote, HiddenNote, officialText, UsageEntry, UsageFields } from './UsageEntry.tsx';
import { VerificationDetail, VerificationMark } from './VerificationMark.tsx';

interface UsageSessionEntryProps {
  session: UsageSession;
  checks: ReadonlyMap<string, UsageCheck>;
  now: Date;
}

/**
 * One session of accesses (the same organisation, official, purpose and data, close together):
 * a single access as itself, several as one line with their span and number, whose accesses open
 * below it, each with its own check against the public log.
 */
export function UsageSessionEntry({ session, checks, now }: UsageSessionEntryProps) {
  const { t } = useTranslation();
  const latin = useLatinScript();
  const times = useSessionTimes();
  const [open, setOpen] = useState(false);
  const listId = useId();
  const [first] = session.records;
  if (!first) return null;
  if (session.count === 1) return <UsageEntry record={first} check={checks.get(first.id)} now={now} />;
  const ids = session.records.map((record) => record.id);
  const check = sessionCheck(ids, checks);
  const failed = failedCount(ids, checks);
  return (
    <Card
      title={times.range(session.firstTime, session.lastTime)}
      headingLevel={3}
      aside={<VerificationMark check={check} />}
    >
      <p className="usage-session__count">{t('dataUsage.session.accesses', { count: session.count })}</p>
      {failed > 0 ? (
        <p className="usage-entry__detail usage-entry__detail--failed">
          {t('dataUsage.session.failed', { count: failed })}
        </p>
      ) : (
        <VerificationDetail check={check} />
      )}
      <EmergencyNote record={first} />
      <UsageFields record={first} official={officialText(first, latin, t)} logEntry={false} />
      <Button
        variant="secondary"
        className="usage-session__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((value) => !value)}
      >
        {open ? t('dataUsage.session.hide') : t('dataUsage.session.show', { count: session.count })}
      </Button>
      <div id={listId} hidden={!open}>
        {open && <SessionRecords session={session} checks={checks} now={now} />}
      </div>
    </Card>
  );
}

function SessionRecords({ session, checks, now }: UsageSessionEntryProps) {
  const { t } = useTranslation();
  const shown = session.records.length;
  return (
    <>
      <ol className="usage-session__records">
        {session.records.map((record) => (
          <SessionRecord key={record.id} record={record} check={checks.get(record.id)} now={now} />
        ))}
      </ol>
      {shown < session.count && (
        <p className="secondary-text">{t('dataUsage.session.truncated', { shown, count: session.count })}</p>
      )}
    </>
  );
}

/** One access of a session: when, where it stands in the log, and its own check. */
function SessionRecord({
  record,
  check,
  now,
}: {
  record: UsageRecord;
  check: UsageCheck | undefined;
  now: Date;
}) {
  const { t } = useTranslation();
  const times = useSessionTimes();
  return (
    <li className="usage-session__record">
      <div className="usage-session__record-head">
        <span>
          <time dateTime={record.logTime}>{times.timeOfDay(record.logTime)}</time>
          {' · '}
          {t('dataUsage.logEntry')} {t('dataUsage.logEntryNumber', { index: record.logIndex })}
        </span>
        <VerificationMark check={check} />
      </div>
      <VerificationDetail check={check} />
      <HiddenNote record={record} now={now} />
    </li>
  );
}
