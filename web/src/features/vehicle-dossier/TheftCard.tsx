import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import type { SignedReport } from './report.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

/** Whether the police list the vehicle as stolen (a stolen vehicle also gets an alert at the top). */
export function TheftCard({ theft }: { theft: SignedReport['theft'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!theft) {
    return (
      <Card title={t('vehicleReport.sections.theft')}>
        <SectionUnavailable />
      </Card>
    );
  }
  return (
    <Card
      title={t('vehicleReport.sections.theft')}
      aside={
        theft.stolen ? (
          <Badge tone="danger">{t('vehicleReport.stolen.title')}</Badge>
        ) : (
          <Badge tone="success">{t('vehicleReport.theft.notReported')}</Badge>
        )
      }
    >
      <p className={theft.stolen ? 'report-verdict report-verdict--danger' : undefined}>
        {!theft.stolen
          ? t('vehicleReport.theft.notStolen')
          : theft.since
            ? t('vehicleReport.stolen.since', { date: format.date(theft.since) })
            : t('vehicleReport.stolen.noDate')}
      </p>
    </Card>
  );
}
