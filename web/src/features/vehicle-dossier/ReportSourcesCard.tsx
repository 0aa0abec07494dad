import { useTranslation } from 'react-i18next';
import { serverDetail } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge, type BadgeTone } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { ReportSource } from './report.ts';
import { registerName } from './report-labels.ts';

const STATUS_TONE: Record<ReportSource['status'], BadgeTone> = {
  ok: 'success',
  missing: 'danger',
  'not-applicable': 'neutral',
};

/** Which register answered each part of the report, when it was asked, and how current its data is. */
export function ReportSourcesCard({ sources }: { sources: readonly ReportSource[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={t('vehicleReport.sections.sources')}>
      <p className="report-note">{t('vehicleReport.sources.intro')}</p>
      <ReportTable
        caption={t('vehicleReport.sources.caption')}
        columns={[
          { label: t('vehicleReport.sources.register') },
          { label: t('vehicleReport.sources.status') },
          { label: t('vehicleReport.sources.fetchedAt') },
          { label: t('vehicleReport.sources.dataAsOf'), nowrap: true },
        ]}
        rows={sources.map((source) => ({
          key: source.key,
          cells: [
            <>
              {t(`vehicleReport.sourceKeys.${source.key}`)}
              <br />
              <span className="secondary-text">{registerName(source.register, t)}</span>
            </>,
            <>
              <Badge tone={STATUS_TONE[source.status]}>
                {t(`vehicleReport.sources.statuses.${source.status}`)}
              </Badge>
              {source.status === 'missing' && <MissingReason error={source.error} />}
            </>,
            format.shortDateTime(source.fetchedAt),
            source.dataAsOf ? format.shortDate(source.dataAsOf) : t('vehicleReport.sources.unknownDate'),
          ],
        }))}
      />
    </Card>
  );
}

/** The exchange explains a missing register in English: shown to English readers only. */
function MissingReason({ error }: { error: string | null }) {
  const { t } = useTranslation();
  const reason = serverDetail(error ?? undefined, t);
  return reason ? (
    <>
      <br />
      <span className="secondary-text">{reason}</span>
    </>
  ) : null;
}
