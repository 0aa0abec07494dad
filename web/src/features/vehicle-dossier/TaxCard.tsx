import { useTranslation } from 'react-i18next';
import { ProperName } from '../../shared/i18n/ProperName.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { ReportTable } from './ReportTable.tsx';
import type { SignedReport } from './report.ts';
import { SectionUnavailable } from './SectionUnavailable.tsx';

type Tax = NonNullable<SignedReport['tax']>;

/** The owner's vehicle tax by year, unpaid years first in mind (owner only). */
export function TaxCard({ tax }: { tax: Tax | null }) {
  const { t } = useTranslation();
  return (
    <Card title={t('vehicleReport.sections.tax')}>
      <p className="report-note">{t('vehicleReport.ownerOnly')}</p>
      {tax === null ? (
        <SectionUnavailable />
      ) : tax.items.length === 0 ? (
        <p>{t('vehicleReport.tax.none')}</p>
      ) : (
        <TaxList tax={tax} />
      )}
    </Card>
  );
}

function TaxList({ tax }: { tax: Tax }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const latestFirst = tax.items.toSorted((a, b) => b.year - a.year);
  return (
    <>
      <FieldList>
        <Field label={t('vehicleReport.tax.unpaidYears')}>
          {tax.unpaidYears.length === 0
            ? t('vehicleReport.tax.noneUnpaid')
            : tax.unpaidYears.toSorted((a, b) => a - b).join(', ')}
        </Field>
        {tax.unpaidYears.length > 0 && (
          <Field label={t('vehicleReport.tax.unpaidAmount')}>{format.money(tax.unpaidAmountCents)}</Field>
        )}
      </FieldList>
      <ReportTable
        caption={t('vehicleReport.tax.caption')}
        columns={[
          { label: t('vehicleReport.tax.year') },
          { label: t('vehicleReport.tax.municipality') },
          { label: t('vehicleReport.tax.amount'), numeric: true },
          { label: t('vehicleReport.tax.paid') },
        ]}
        rows={latestFirst.map((item) => ({
          key: `${item.year}-${item.municipality}`,
          alert: !item.paid,
          cells: [
            item.year,
            <ProperName key="municipality" name={item.municipality} />,
            format.money(item.amountCents),
            item.paid ? (
              t('vehicleReport.tax.paid')
            ) : (
              <strong key="unpaid">{t('vehicleReport.tax.unpaidMark')}</strong>
            ),
          ],
        }))}
      />
    </>
  );
}
