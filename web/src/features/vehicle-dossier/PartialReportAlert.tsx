import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import type { ReportSource } from './report.ts';
import { registerName } from './report-labels.ts';

/** A partial report names every source that did not answer: their sections are empty. */
export function PartialReportAlert({ sources }: { sources: readonly ReportSource[] }) {
  const { t } = useTranslation();
  const missing = sources.filter((source) => source.status === 'missing');
  return (
    <Alert tone="warning" title={t('vehicleReport.partial.title')}>
      <p>{t('vehicleReport.partial.text')}</p>
      {missing.length > 0 && (
        <ul className="report-list">
          {missing.map((source) => (
            <li key={source.key}>
              {t(`vehicleReport.sourceKeys.${source.key}`)} – {registerName(source.register, t)}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
