import type { ParkingPermitPrefill } from '@civitas/contracts/api/parking-permit.ts';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { localisedText } from './localised-text.ts';
import { SERVICES_PATH } from './paths.ts';
import { SourcesCard } from './SourcesCard.tsx';

/**
 * The registers say the citizen cannot apply: they are told why, with what the registers hold,
 * instead of being handed a form to fill in for nothing.
 */
export function NotEligible({ prefill, language }: { prefill: ParkingPermitPrefill; language: string }) {
  const { t } = useTranslation();
  const municipality = localisedText(prefill.eligibility.municipality, language, '—');
  const address = prefill.fields.find((field) => field.name === 'permanentAddress')?.value;
  return (
    <>
      <Alert tone="warning" title={t('parkingPermit.notEligibleTitle')}>
        <p>{t('parkingPermit.notEligibleIntro')}</p>
        <ul className="eligibility-reasons">
          {prefill.eligibility.reasons.map((reason) => (
            <li key={reason}>{t(`parkingPermit.reasons.${reason}`, { municipality })}</li>
          ))}
        </ul>
      </Alert>
      {address && prefill.eligibility.reasons.includes('lives-elsewhere') && (
        <Card title={t('parkingPermit.registersSay')}>
          <FieldList>
            <Field label={t('confirmData.fields.permanentAddress')}>
              <span lang="bg">{address}</span>
            </Field>
          </FieldList>
        </Card>
      )}
      <p>{t('parkingPermit.whatNext')}</p>
      <p>
        <Link href={SERVICES_PATH}>{t('confirmData.backToServices')}</Link>
      </p>
      <SourcesCard prefill={prefill} language={language} />
    </>
  );
}
