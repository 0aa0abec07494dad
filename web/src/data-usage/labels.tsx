import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

const KNOWN_CATEGORIES = [
  'identity',
  'addresses',
  'vehicles',
  'driving-licence',
  'identity-documents',
  'vehicle-inspections',
  'insurance',
  'fines',
  'taxes',
  'data-usage',
  'other',
] as const;
type KnownCategory = (typeof KNOWN_CATEGORIES)[number];

const isKnownCategory = (category: string): category is KnownCategory =>
  (KNOWN_CATEGORIES as readonly string[]).includes(category);

/** Purposes the app has words for, by the purpose as the registers record it. */
const KNOWN_PURPOSES = {
  'data-subject-access': 'data-subject-access',
  'vehicle history report': 'vehicle-history-report',
} as const;

/** A purpose code the app knows in words, or the purpose as the organisation stated it. */
export function purposeLabel(purpose: string, t: TFunction): string {
  const known = Object.hasOwn(KNOWN_PURPOSES, purpose)
    ? KNOWN_PURPOSES[purpose as keyof typeof KNOWN_PURPOSES]
    : null;
  return known ? t(`dataUsage.purposes.${known}`) : purpose;
}

export function CategoryList({ categories }: { categories: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <ul className="usage-categories">
      {categories.map((category) => (
        <li key={category} className="usage-categories__item">
          {/* A category added on the server before the app learns its name still shows, untranslated. */}
          {isKnownCategory(category) ? t(`dataUsage.categories.${category}`) : category}
        </li>
      ))}
    </ul>
  );
}
