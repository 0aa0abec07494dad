import type { RepresentedCompany } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { companyStatusName, legalFormName, representativeRoleName } from './company-labels.ts';

/** The companies the person represents, as the commercial register says (issue 18). */
export function CompaniesCard({ companies }: { companies: RepresentedCompany[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('companies.title')}>
      {companies.length === 0 ? (
        <p className="secondary-text">{t('companies.none')}</p>
      ) : (
        <div className="stack">
          {companies.map((company) => (
            // A company's name is registered in Bulgarian: read as Bulgarian on every screen.
            <Card key={company.eik} headingLevel={3} title={<span lang="bg">{company.name}</span>}>
              <FieldList>
                <Field label={t('companies.eik')}>{company.eik}</Field>
                <Field label={t('companies.legalForm')}>{legalFormName(company.legalForm, t)}</Field>
                <Field label={t('companies.status')}>{companyStatusName(company.status, t)}</Field>
                <Field label={t('companies.role')}>
                  {representativeRoleName(company.role, t)}
                  {' · '}
                  {company.alone ? t('companies.alone') : t('companies.jointly')}
                </Field>
              </FieldList>
            </Card>
          ))}
        </div>
      )}
    </Card>
  );
}
