import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { LocaleResource } from './languages.ts';

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
  'health-insurance',
  'health',
  'photo',
  'other',
] as const;
type KnownCategory = (typeof KNOWN_CATEGORIES)[number];

const isKnownCategory = (category: string): category is KnownCategory =>
  (KNOWN_CATEGORIES as readonly string[]).includes(category);

type PurposeCode = keyof LocaleResource['purposes'];
type LegalBasisCode = keyof LocaleResource['legalBases'];
type AdministrationCode = keyof LocaleResource['administrations'];
type RegisterCode = keyof LocaleResource['registers'];

// The codes the app has words for: the lists of the English file (every language has the same
// keys, see languages.test.ts). Only these blocks are bundled, not the file's other words.
const englishCodes = {
  purposes: import.meta.glob<LocaleResource['purposes']>('./locales/en.json', {
    eager: true,
    import: 'purposes',
  }),
  legalBases: import.meta.glob<LocaleResource['legalBases']>('./locales/en.json', {
    eager: true,
    import: 'legalBases',
  }),
  administrations: import.meta.glob<LocaleResource['administrations']>('./locales/en.json', {
    eager: true,
    import: 'administrations',
  }),
  registers: import.meta.glob<LocaleResource['registers']>('./locales/en.json', {
    eager: true,
    import: 'registers',
  }),
};
const hasCode = (list: Record<string, object>, value: string) =>
  Object.hasOwn(Object.values(list)[0] ?? {}, value);

const isPurposeCode = (value: string): value is PurposeCode => hasCode(englishCodes.purposes, value);
const isLegalBasisCode = (value: string): value is LegalBasisCode => hasCode(englishCodes.legalBases, value);
const isAdministrationCode = (value: string): value is AdministrationCode =>
  hasCode(englishCodes.administrations, value);
const isRegisterCode = (value: string): value is RegisterCode => hasCode(englishCodes.registers, value);

/** A name in the interface language, or as the registry wrote it (in Bulgarian) when the app has no words for it. */
export interface LocalName {
  text: string;
  /** Set when the text is the registry's Bulgarian name, not a translation. */
  lang?: 'bg';
}

/**
 * The administration and its system (a register, or the information system it asks from), by
 * their exchange id (`BG/GOV/000696327/local-taxes`): translated, never the raw id.
 */
export function organisationNames(
  organisation: { id: string; name: string; systemName: string },
  t: TFunction,
): { administration: LocalName; system: LocalName } {
  const [, , memberCode = '', systemCode = ''] = organisation.id.split('/');
  return {
    administration: isAdministrationCode(memberCode)
      ? { text: t(`administrations.${memberCode}`) }
      : { text: organisation.name, lang: 'bg' },
    system: isRegisterCode(systemCode)
      ? { text: t(`registers.${systemCode}`) }
      : { text: organisation.systemName, lang: 'bg' },
  };
}

/** Records made before purposes and legal bases were codes carry the English text of the time. */
const LEGACY_CODES: Readonly<Record<string, string>> = {
  'e-service: resident parking permit': 'resident-parking-permit',
  'vehicle history report': 'vehicle-history-report',
  'identity verification': 'identity-verification',
  'address verification': 'address-verification',
  'GDPR Art. 15': 'gdpr-art-15',
  'GDPR Art. 6(1)(e); e-Government Act, Art. 2': 'e-government-act-art-2',
  'Ordinance on parking in Sofia, Art. 35': 'sofia-parking-ordinance-art-35',
  'Road Traffic Act, Art. 140': 'road-traffic-act-art-140',
  'Road Traffic Act, Art. 165': 'road-traffic-act-art-165',
  'Civil Registration Act, Art. 106': 'civil-registration-act-art-106',
};

/**
 * A purpose code in words. A code the app does not know yet (added on the server later), or an
 * auditor's own wording, is shown as it was recorded.
 */
export function purposeLabel(purpose: string, t: TFunction): string {
  const code = LEGACY_CODES[purpose] ?? purpose;
  return isPurposeCode(code) ? t(`purposes.${code}`) : purpose;
}

/** A legal basis code in words (the provision, in the interface language). */
export function legalBasisLabel(legalBasis: string, t: TFunction): string {
  const code = LEGACY_CODES[legalBasis] ?? legalBasis;
  return isLegalBasisCode(code) ? t(`legalBases.${code}`) : legalBasis;
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
