import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { PersonalNumber } from '../../shared/ui/PersonalNumber.tsx';
import type { ClaimValue } from './claim-values.ts';

function countryName(code: string, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

const KNOWN_CATEGORIES = new Set([
  'AM',
  'A1',
  'A2',
  'A',
  'B1',
  'B',
  'BE',
  'C1',
  'C1E',
  'C',
  'CE',
  'D1',
  'D1E',
  'D',
  'DE',
  'T',
]);

/** One claim's value in the user's language: dates formatted, codes named. */
export function ClaimValueView({ value, alt }: { value: ClaimValue; alt: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.resolvedLanguage ?? 'en';
  switch (value.kind) {
    case 'text':
      return <>{value.text}</>;
    case 'date':
      return <>{format.date(value.iso)}</>;
    case 'boolean':
      return <>{value.value ? t('wallet.yes') : t('wallet.no')}</>;
    case 'countries':
      return <>{value.codes.map((code) => countryName(code, language)).join(', ')}</>;
    case 'sex':
      return (
        <>
          {t(
            value.code === 1
              ? 'wallet.sex.male'
              : value.code === 2
                ? 'wallet.sex.female'
                : 'wallet.sex.other',
          )}
        </>
      );
    case 'personal-number':
      return <PersonalNumber value={value.value} />;
    case 'image':
      return <img className="wallet-photo" src={value.src} alt={alt} />;
    case 'categories':
      return (
        <ul className="wallet-categories">
          {value.categories.map((category) => (
            <li key={category.code}>
              <strong>{category.code}</strong>
              {KNOWN_CATEGORIES.has(category.code) &&
                ` – ${t(`wallet.categories.${category.code}` as 'wallet.categories.B')}`}
              {category.until && ` (${t('wallet.validUntil', { date: format.date(category.until) })})`}
            </li>
          ))}
        </ul>
      );
  }
}
