import { useTranslation } from 'react-i18next';
import { localIsoDate } from '../../shared/i18n/format-date.ts';
import { cyrillicFullName, latinFullName } from '../../shared/i18n/person-format.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { PersonalNumber } from '../../shared/ui/PersonalNumber.tsx';
import { AddressesCard } from '../profile/AddressesCard.tsx';
import { DocumentsCard } from '../profile/DocumentsCard.tsx';
import type { PersonCard } from './lookup-client.ts';

/** The person card an official was given: identification, the permanent address, and documents when granted. */
export function PersonResult({ card }: { card: PersonCard }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="stack">
      <Card title={t('workspace.person.title')}>
        <FieldList>
          <Field label={t('profile.nameCyrillic')}>
            <span lang="bg">{cyrillicFullName(card.name)}</span>
          </Field>
          <Field label={t('profile.nameLatin')}>{latinFullName(card.name)}</Field>
          <Field label={t('profile.personalNumber')}>
            <PersonalNumber value={card.personalNumber} />
          </Field>
          <Field label={t('profile.sex')}>{card.sex === 'F' ? t('profile.sexF') : t('profile.sexM')}</Field>
          <Field label={t('profile.birthDate')}>{format.date(card.birthDate)}</Field>
          {card.deceased && <Field label={t('profile.deceased')}>{t('workspace.person.yes')}</Field>}
        </FieldList>
      </Card>
      {card.permanentAddress ? (
        <AddressesCard addresses={[card.permanentAddress]} />
      ) : (
        <Card title={t('addresses.title')}>
          <p className="secondary-text">{t('workspace.person.noPermanentAddress')}</p>
        </Card>
      )}
      {card.documents && <DocumentsCard documents={card.documents} today={localIsoDate(new Date())} />}
    </div>
  );
}
