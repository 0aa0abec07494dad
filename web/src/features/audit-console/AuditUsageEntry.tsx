import type { UsageRecord } from '@civitas/contracts/api/data-usage.ts';
import { useTranslation } from 'react-i18next';
import type { UsageCheck } from '../../shared/api/verify-usage.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field } from '../../shared/ui/Field.tsx';
import { UsageFields } from '../data-usage/UsageEntry.tsx';
import { VerificationMark } from '../data-usage/VerificationMark.tsx';

/** One usage record as an auditor sees it: hidden or not, and its own check against the public log. */
export function AuditUsageEntry({ record, check }: { record: UsageRecord; check: UsageCheck | undefined }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={format.dateTime(record.logTime)} headingLevel={3} aside={<VerificationMark check={check} />}>
      <AuditVerificationDetail check={check} />
      <UsageFields record={record} official={<OfficialName record={record} />}>
        {record.hiddenUntil && (
          <Field label={t('auditConsole.results.hidden')}>
            {record.hiddenReason
              ? t('auditConsole.results.hiddenUntilReason', {
                  date: format.dateTime(record.hiddenUntil),
                  reason: record.hiddenReason,
                })
              : t('auditConsole.results.hiddenUntil', { date: format.dateTime(record.hiddenUntil) })}
          </Field>
        )}
      </UsageFields>
    </Card>
  );
}

/**
 * Who made the access, by the name their administration registered (in Latin letters for
 * readers of Latin script). The API gives auditors the official's personal number too; it is
 * not shown: a personal number is never put on screen for a third party.
 */
function OfficialName({ record }: { record: UsageRecord }) {
  const { t } = useTranslation();
  const latin = useLatinScript();
  if (record.self) return <>{t('auditConsole.results.self')}</>;
  if (latin && record.initiatorPersonLatin) return <>{record.initiatorPersonLatin}</>;
  if (record.initiatorPerson) return <span lang="bg">{record.initiatorPerson}</span>;
  return <>{t('dataUsage.officialNotGiven')}</>;
}

/** Why a record is pending or failed, said to an auditor (the citizen's words say "you"). */
function AuditVerificationDetail({ check }: { check: UsageCheck | undefined }) {
  const { t } = useTranslation();
  if (check?.state === 'pending')
    return <p className="usage-entry__detail">{t('dataUsage.mark.pendingDetail')}</p>;
  if (check?.state !== 'failed') return null;
  const field = check.field ? t(`dataUsage.fields.${check.field}`) : '';
  return (
    <p className="usage-entry__detail usage-entry__detail--failed">
      {check.reason === 'not-about-you'
        ? t('auditConsole.results.notAboutSubject')
        : t(`dataUsage.failure.${check.reason}`, { field })}
    </p>
  );
}
