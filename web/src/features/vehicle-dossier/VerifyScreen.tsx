import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { IssuedReportCard } from './IssuedReportCard.tsx';
import { ReportFileCheck } from './ReportFileCheck.tsx';
import './VehicleReport.css';

/**
 * "Check a vehicle history report": where a PDF's QR code leads (`/verify/<reference>`), and the
 * upload-only page (`/verify`). Public: a buyer checks a seller's report without an account.
 */
export function VerifyScreen({ reference }: { reference: string | null }) {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('verifyReport.title')}>{t('verifyReport.title')}</PageHeading>
      <p className="lead">{t('verifyReport.intro')}</p>
      {reference && <IssuedReportCard key={reference} reference={reference} />}
      <ReportFileCheck key={reference ?? ''} pageReference={reference} />
    </div>
  );
}
