import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { SignedReport } from './report.ts';
import { offenceName } from './report-labels.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

type Fines = NonNullable<SignedReport['fines']>;

/** The owner's fines for the vehicle (owner only: fines follow the person, not the car). */
export function FinesCard({ fines }: { fines: Fines | null }) {
  const { t } = useTranslation();
  return (
    <Card title={t('vehicleReport.sections.fines')}>
      <p className="report-note">{t('vehicleReport.ownerOnly')}</p>
      {fines === null ? (
        <SectionUnavailable />
      ) : fines.items.length === 0 ? (
        <p>{t('vehicleReport.fines.none')}</p>
      ) : (
        <FineList fines={fines} />
      )}
    </Card>
  );
}

function FineList({ fines }: { fines: Fines }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const latestFirst = fines.items.toSorted((a, b) =>
    a.issuedOn < b.issuedOn ? 1 : a.issuedOn > b.issuedOn ? -1 : 0,
  );
  return (
    <>
      <FieldList>
        <Field label={t('vehicleReport.fines.unpaid')}>
          {fines.unpaid === 0
            ? t('vehicleReport.fines.noneUnpaid')
            : t('vehicleReport.fines.unpaidValue', {
                count: fines.unpaid,
                amount: format.money(fines.unpaidAmountCents),
              })}
        </Field>
      </FieldList>
      <ReportTable
        caption={t('vehicleReport.fines.caption')}
        columns={[
          { label: t('vehicleReport.fines.issuedOn'), nowrap: true },
          { label: t('vehicleReport.fines.offence') },
          { label: t('vehicleReport.fines.amount'), numeric: true },
          { label: t('vehicleReport.fines.paid') },
          { label: t('vehicleReport.fines.number') },
        ]}
        rows={latestFirst.map((fine) => ({
          key: fine.number,
          alert: !fine.paid,
          cells: [
            format.shortDate(fine.issuedOn),
            offenceName(fine.offence, t),
            format.money(fine.amountCents),
            fine.paid ? (
              t('vehicleReport.fines.paid')
            ) : (
              <strong key="unpaid">{t('vehicleReport.fines.unpaidMark')}</strong>
            ),
            // Fine numbers begin with a Cyrillic letter (К): read as Bulgarian.
            <span key="number" className="report-reference" lang="bg">
              {fine.number}
            </span>,
          ],
        }))}
      />
    </>
  );
}
