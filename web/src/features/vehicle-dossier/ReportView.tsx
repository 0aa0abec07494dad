import type { ReactNode } from 'react';
import { FinesCard } from './FinesCard.tsx';
import { InspectionsCard } from './InspectionsCard.tsx';
import { InsuranceCard } from './InsuranceCard.tsx';
import { OdometerCard } from './OdometerCard.tsx';
import { PartialReportAlert } from './PartialReportAlert.tsx';
import { RegistrationCard } from './RegistrationCard.tsx';
import { ReportAboutCard } from './ReportAboutCard.tsx';
import { ReportSourcesCard } from './ReportSourcesCard.tsx';
import type { SignedReport } from './report.ts';
import { StolenAlert } from './StolenAlert.tsx';
import { TaxCard } from './TaxCard.tsx';
import { TechnicalDataCard } from './TechnicalDataCard.tsx';
import { TheftCard } from './TheftCard.tsx';
import './VehicleReport.css';

/**
 * A vehicle history report, section by section, as the owner and the public see it. Sections the
 * report does not carry are not shown: fines and tax exist only in the owner's report, and a
 * section whose register did not answer says so in place.
 */
export function ReportView({ report, actions }: { report: SignedReport; actions?: ReactNode }) {
  return (
    <div className="stack">
      <StolenAlert theft={report.theft} />
      {report.partial && <PartialReportAlert sources={report.sources} />}
      <ReportAboutCard report={report} actions={actions} />
      <TechnicalDataCard technical={report.technical} />
      <RegistrationCard registration={report.registration} viewer={report.viewer} />
      <TheftCard theft={report.theft} />
      <InspectionsCard inspections={report.inspections} />
      <OdometerCard odometer={report.odometer} />
      <InsuranceCard insurance={report.insurance} />
      {report.fines !== undefined && <FinesCard fines={report.fines} />}
      {report.tax !== undefined && <TaxCard tax={report.tax} />}
      <ReportSourcesCard sources={report.sources} />
    </div>
  );
}
