import { useTranslation } from 'react-i18next';
import { ProperName } from '../../shared/i18n/ProperName.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { Inspection } from './report.ts';
import { inspectionResultName } from './report-labels.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

/** Periodic technical inspections, latest first: date, station, result and the odometer then. */
export function InspectionsCard({ inspections }: { inspections: readonly Inspection[] | null }) {
  const { t } = useTranslation();
  return (
    <Card title={t('vehicleReport.sections.inspections')}>
      {inspections === null ? (
        <SectionUnavailable />
      ) : inspections.length === 0 ? (
        <p>{t('vehicleReport.inspections.none')}</p>
      ) : (
        <InspectionList inspections={inspections} />
      )}
    </Card>
  );
}

function InspectionList({ inspections }: { inspections: readonly Inspection[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const latestFirst = inspections.toSorted((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const nextDue = latestFirst[0]?.nextDue;
  return (
    <>
      {nextDue && (
        <FieldList>
          <Field label={t('vehicleReport.inspections.nextDue')}>{format.date(nextDue)}</Field>
        </FieldList>
      )}
      <ReportTable
        caption={t('vehicleReport.inspections.caption')}
        columns={[
          { label: t('vehicleReport.inspections.date'), nowrap: true },
          { label: t('vehicleReport.inspections.result') },
          { label: t('vehicleReport.odometer.km'), numeric: true },
          // Last: station names are long.
          { label: t('vehicleReport.inspections.station') },
        ]}
        rows={latestFirst.map((inspection) => ({
          key: `${inspection.date}-${inspection.stationCode}-${inspection.odometerKm}`,
          alert: inspection.result === 'failed',
          cells: [
            format.shortDate(inspection.date),
            inspectionResultName(inspection.result, t),
            format.number(inspection.odometerKm),
            <>
              <ProperName name={inspection.stationName} />{' '}
              <span className="secondary-text">({inspection.stationCode})</span>
            </>,
          ],
        }))}
      />
    </>
  );
}
