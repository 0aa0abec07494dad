import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { OdometerChart } from './OdometerChart.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { OdometerAnalysis, SignedReport } from './report.ts';
import { readingSourceName } from './report-labels.ts';
import { implausibleKind, odometerVerdictTone } from './report-wording.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

/** The odometer verdict in words, the readings as a chart and a table, and each rollback explained. */
export function OdometerCard({ odometer }: { odometer: SignedReport['odometer'] }) {
  const { t } = useTranslation();
  if (!odometer) {
    return (
      <Card title={t('vehicleReport.sections.odometer')}>
        <SectionUnavailable />
      </Card>
    );
  }
  const tone = odometerVerdictTone(odometer.verdict);
  return (
    <Card
      title={t('vehicleReport.sections.odometer')}
      aside={<Badge tone={tone}>{t(`vehicleReport.odometer.verdictLabels.${odometer.verdict}`)}</Badge>}
    >
      <p className={`report-verdict report-verdict--${tone}`}>
        {t(`vehicleReport.odometer.verdicts.${odometer.verdict}`)}
      </p>
      {odometer.readings.length === 0 ? (
        <p>{t('vehicleReport.odometer.none')}</p>
      ) : (
        <OdometerDetails odometer={odometer} />
      )}
    </Card>
  );
}

function OdometerDetails({ odometer }: { odometer: OdometerAnalysis }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const summaryId = useId();
  const km = (value: number) => t('vehicleReport.kmValue', { km: format.number(value) });
  const first = odometer.readings[0]!;
  const last = odometer.readings.at(-1)!;
  return (
    <>
      <FieldList>
        {odometer.lastReading && (
          <Field label={t('vehicleReport.odometer.lastReading')}>
            {t('vehicleReport.odometer.lastReadingValue', {
              km: format.number(odometer.lastReading.km),
              date: format.date(odometer.lastReading.date),
            })}
          </Field>
        )}
        {odometer.averageKmPerYear !== null && (
          <Field label={t('vehicleReport.odometer.average')}>{km(odometer.averageKmPerYear)}</Field>
        )}
        <Field label={t('vehicleReport.odometer.readingsCount')}>{odometer.readings.length}</Field>
      </FieldList>
      <OdometerChart odometer={odometer} summaryId={summaryId} />
      <p id={summaryId}>
        {t('vehicleReport.odometer.summary', {
          count: odometer.readings.length,
          firstKm: format.number(first.km),
          firstDate: format.date(first.date),
          lastKm: format.number(last.km),
          lastDate: format.date(last.date),
        })}
        {odometer.rollbacks.length > 0 &&
          ` ${t('vehicleReport.odometer.summaryRollbacks', { count: odometer.rollbacks.length })}`}
      </p>
      <Rollbacks odometer={odometer} />
      <ImplausibleReadings odometer={odometer} />
      <ReadingsTable odometer={odometer} />
    </>
  );
}

function Rollbacks({ odometer }: { odometer: OdometerAnalysis }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (odometer.rollbacks.length === 0) return null;
  return (
    <>
      <h3>{t('vehicleReport.odometer.rollbacksTitle')}</h3>
      <ul className="report-list">
        {odometer.rollbacks.map((rollback) => (
          <li key={`${rollback.fromDate}-${rollback.toDate}-${rollback.toKm}`}>
            {t('vehicleReport.odometer.rollback', {
              toDate: format.date(rollback.toDate),
              toKm: format.number(rollback.toKm),
              dropKm: format.number(rollback.dropKm),
              fromKm: format.number(rollback.fromKm),
              fromDate: format.date(rollback.fromDate),
            })}
          </li>
        ))}
      </ul>
    </>
  );
}

function ImplausibleReadings({ odometer }: { odometer: OdometerAnalysis }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (odometer.implausible.length === 0) return null;
  return (
    <>
      <h3>{t('vehicleReport.odometer.implausibleTitle')}</h3>
      <ul className="report-list">
        {odometer.implausible.map((stretch) => (
          <li key={`${stretch.fromDate}-${stretch.toDate}`}>
            {implausibleKind(stretch) === 'future'
              ? t('vehicleReport.odometer.implausibleFuture', { date: format.date(stretch.toDate) })
              : t('vehicleReport.odometer.implausibleRate', {
                  fromDate: format.date(stretch.fromDate),
                  toDate: format.date(stretch.toDate),
                  kmPerYear: format.number(stretch.kmPerYear),
                })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** Every reading in date order, for anyone who would rather read numbers than a line. */
function ReadingsTable({ odometer }: { odometer: OdometerAnalysis }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const rolledBack = new Set(odometer.rollbacks.map((rollback) => `${rollback.toDate}|${rollback.toKm}`));
  return (
    <details className="report-details">
      <summary>{t('vehicleReport.odometer.tableToggle')}</summary>
      <ReportTable
        caption={t('vehicleReport.odometer.tableCaption')}
        columns={[
          { label: t('vehicleReport.odometer.date'), nowrap: true },
          { label: t('vehicleReport.odometer.km'), numeric: true },
          { label: t('vehicleReport.odometer.source') },
        ]}
        rows={odometer.readings.map((reading) => {
          const rollback = rolledBack.has(`${reading.date}|${reading.km}`);
          return {
            key: `${reading.date}-${reading.km}-${reading.source}`,
            alert: rollback,
            cells: [
              format.shortDate(reading.date),
              format.number(reading.km),
              <>
                {readingSourceName(reading.source, t)}
                {rollback && (
                  <>
                    <br />
                    <strong>{t('vehicleReport.odometer.rollbackMark')}</strong>
                  </>
                )}
              </>,
            ],
          };
        })}
      />
    </details>
  );
}
