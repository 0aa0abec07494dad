import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import type { SignedReport } from './report.ts';

/** At the top of the report, before anything else: a buyer must not miss it. */
export function StolenAlert({ theft }: { theft: SignedReport['theft'] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (!theft?.stolen) return null;
  return (
    <Alert tone="error">
      <p className="alert__title report-alert-title">
        <span aria-hidden="true">⚠ </span>
        {t('vehicleReport.stolen.title')}
      </p>
      <p>
        {theft.since
          ? t('vehicleReport.stolen.since', { date: format.date(theft.since) })
          : t('vehicleReport.stolen.noDate')}
      </p>
    </Alert>
  );
}
