import type { Profile } from '@civitas/contracts/api/profile.ts';
import { useTranslation } from 'react-i18next';
import { formattingLocaleOf } from '../../shared/i18n/languages.ts';
import { countryName, cyrillicFullName, latinFullName, properName } from '../../shared/i18n/person-format.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { useLatinScript } from '../../shared/i18n/use-latin-script.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { PersonalNumber } from '../../shared/ui/PersonalNumber.tsx';

export function PersonalDetailsCard({ person }: { person: Profile }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const latin = useLatinScript();
  // The register writes citizenship as a country code ('BG').
  const citizenship = ['BG', 'BGR'].includes(person.citizenship.trim())
    ? t('profile.citizenshipBGR')
    : countryName(person.citizenship, formattingLocaleOf(i18n.resolvedLanguage ?? i18n.language));
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
          <span lang={latin ? undefined : 'bg'}>{properName(person.birthPlace.name, latin)}</span>
        </Field>
        <Field label={t('profile.citizenship')}>{citizenship}</Field>
        {person.deceased && <Field label={t('profile.deceased')}>✓</Field>}
      </FieldList>
    </Card>
  );
}
