import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters.ts';
import { Card } from '../ui/Card.tsx';
import { Field, FieldList } from '../ui/Field.tsx';
import { PersonalNumber } from './PersonalNumber.tsx';
import type { Person } from './person.ts';
import { cyrillicFullName, latinFullName } from './person-format.ts';

export function PersonalDetailsCard({ person }: { person: Person }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card title={t('profile.personalDetails')}>
      <FieldList>
        <Field label={t('profile.nameCyrillic')}>
          <span lang="bg">{cyrillicFullName(person.name)}</span>
        </Field>
        <Field label={t('profile.nameLatin')}>{latinFullName(person.name)}</Field>
        <Field label={t('profile.personalNumber')}>
          <PersonalNumber value={person.personalNumber} />
        </Field>
        <Field label={t('profile.sex')}>{person.sex === 'F' ? t('profile.sexF') : t('profile.sexM')}</Field>
        <Field label={t('profile.birthDate')}>{format.date(person.birthDate)}</Field>
        <Field label={t('profile.birthPlace')}>
          <span lang="bg">{person.birthPlace.name}</span>
        </Field>
        <Field label={t('profile.citizenship')}>
          {person.citizenship === 'BGR' ? t('profile.citizenshipBGR') : person.citizenship}
        </Field>
        {person.deceased && <Field label={t('profile.deceased')}>✓</Field>}
      </FieldList>
    </Card>
  );
}
