/**
 * The credentials the Civitas wallet issuer offers: one entry per OpenID4VCI credential
 * configuration. The issuer's metadata, the holder's cards and the verifier's checks all read this
 * one list (browser-safe). Claim paths follow the formats: SD-JWT VC claims by JSON path, mdoc
 * claims by namespace and element identifier.
 */

export type Localised = Readonly<{ bg: string; en: string; pl: string }>;

export type CredentialFormat = 'dc+sd-jwt' | 'mso_mdoc';

export interface ClaimDefinition {
  /** SD-JWT VC: the JSON path; mdoc: [namespace, element identifier]. */
  path: readonly string[];
  display: Localised;
  /** Whether the holder may disclose it selectively (SD-JWT VC); mdoc elements always are. */
  selective: boolean;
  /** A portrait or other image (bytes in mdoc, a data: URL in SD-JWT VC). */
  image?: boolean;
}

export interface CredentialConfiguration {
  id: string;
  format: CredentialFormat;
  /** SD-JWT VC type. */
  vct?: string;
  /** mdoc document type. */
  doctype?: string;
  /** OAuth scope that asks for it (alternative to authorization_details). */
  scope: string;
  display: Localised;
  /** Card colours in the wallet and the issuer metadata. */
  background: string;
  text: string;
  /** How long an issued copy is valid, in days (capped by the source document's own expiry). */
  validityDays: number;
  /** Copies issued per request (batch issuance), each bound to its own device key. */
  batchSize: number;
  claims: readonly ClaimDefinition[];
}

const L = (bg: string, en: string, pl: string): Localised => ({ bg, en, pl });

const PID_NS = 'eu.europa.ec.eudi.pid.1';
const MDL_NS = 'org.iso.18013.5.1';

/** PID claims per the EU PID rulebook (ARF Annex 3.1), in both encodings. */
const PID_CLAIMS: ReadonlyArray<{ sd: string[]; mdoc: string; display: Localised; image?: boolean }> = [
  { sd: ['family_name'], mdoc: 'family_name', display: L('Фамилия', 'Family name', 'Nazwisko') },
  { sd: ['given_name'], mdoc: 'given_name', display: L('Име', 'Given name', 'Imię') },
  { sd: ['birthdate'], mdoc: 'birth_date', display: L('Дата на раждане', 'Date of birth', 'Data urodzenia') },
  {
    sd: ['place_of_birth', 'locality'],
    mdoc: 'birth_place',
    display: L('Място на раждане', 'Place of birth', 'Miejsce urodzenia'),
  },
  { sd: ['nationalities'], mdoc: 'nationality', display: L('Гражданство', 'Nationality', 'Obywatelstwo') },
  { sd: ['sex'], mdoc: 'sex', display: L('Пол', 'Sex', 'Płeć') },
  {
    sd: ['personal_administrative_number'],
    mdoc: 'personal_administrative_number',
    display: L('Единен граждански номер', 'Personal number', 'Numer osobisty'),
  },
  { sd: ['address', 'formatted'], mdoc: 'resident_address', display: L('Адрес', 'Address', 'Adres') },
  ...[14, 16, 18, 21, 65].map((age) => ({
    sd: ['age_equal_or_over', String(age)],
    mdoc: `age_over_${age}`,
    display: L(`Навършени ${age} години`, `Aged ${age} or over`, `Ukończone ${age} lat`),
  })),
  { sd: ['age_in_years'], mdoc: 'age_in_years', display: L('Възраст', 'Age', 'Wiek') },
  {
    sd: ['age_birth_year'],
    mdoc: 'age_birth_year',
    display: L('Година на раждане', 'Year of birth', 'Rok urodzenia'),
  },
  { sd: ['picture'], mdoc: 'portrait', display: L('Снимка', 'Photo', 'Zdjęcie'), image: true },
  {
    sd: ['issuing_authority'],
    mdoc: 'issuing_authority',
    display: L('Издаден от', 'Issued by', 'Wydany przez'),
  },
  {
    sd: ['issuing_country'],
    mdoc: 'issuing_country',
    display: L('Държава на издаване', 'Issuing country', 'Państwo wydania'),
  },
  { sd: ['date_of_expiry'], mdoc: 'expiry_date', display: L('Валиден до', 'Valid until', 'Ważny do') },
];

const MDL_CLAIMS: ReadonlyArray<{ id: string; display: Localised; image?: boolean }> = [
  { id: 'family_name', display: L('Фамилия', 'Family name', 'Nazwisko') },
  { id: 'given_name', display: L('Име', 'Given name', 'Imię') },
  { id: 'birth_date', display: L('Дата на раждане', 'Date of birth', 'Data urodzenia') },
  { id: 'issue_date', display: L('Дата на издаване', 'Date of issue', 'Data wydania') },
  { id: 'expiry_date', display: L('Валидна до', 'Valid until', 'Ważne do') },
  { id: 'issuing_country', display: L('Държава на издаване', 'Issuing country', 'Państwo wydania') },
  { id: 'issuing_authority', display: L('Издадена от', 'Issued by', 'Wydane przez') },
  { id: 'document_number', display: L('Номер на свидетелството', 'Licence number', 'Numer prawa jazdy') },
  { id: 'portrait', display: L('Снимка', 'Photo', 'Zdjęcie'), image: true },
  // ISO 18013-5: each category with its dates and its restriction codes (e.g. 01.06, 78).
  {
    id: 'driving_privileges',
    display: L('Категории и ограничения', 'Categories and restrictions', 'Kategorie i ograniczenia'),
  },
  {
    id: 'un_distinguishing_sign',
    display: L('Отличителен знак', 'Distinguishing sign', 'Znak wyróżniający'),
  },
  { id: 'age_over_18', display: L('Навършени 18 години', 'Aged 18 or over', 'Ukończone 18 lat') },
];

export const CREDENTIAL_CONFIGURATIONS: readonly CredentialConfiguration[] = [
  {
    id: 'pid-sd-jwt',
    format: 'dc+sd-jwt',
    vct: 'urn:eudi:pid:1',
    scope: 'pid-sd-jwt',
    display: L('Лична идентификация (PID)', 'Personal identification (PID)', 'Identyfikacja osobista (PID)'),
    background: '#00966e',
    text: '#ffffff',
    validityDays: 90,
    batchSize: 3,
    claims: PID_CLAIMS.map((claim) => ({
      path: claim.sd,
      display: claim.display,
      selective: true,
      ...(claim.image && { image: true }),
    })),
  },
  {
    id: 'pid-mdoc',
    format: 'mso_mdoc',
    doctype: PID_NS,
    scope: 'pid-mdoc',
    display: L(
      'Лична идентификация (mdoc)',
      'Personal identification (mdoc)',
      'Identyfikacja osobista (mdoc)',
    ),
    background: '#00966e',
    text: '#ffffff',
    validityDays: 90,
    batchSize: 3,
    claims: PID_CLAIMS.map((claim) => ({
      path: [PID_NS, claim.mdoc],
      display: claim.display,
      selective: true,
      ...(claim.image && { image: true }),
    })),
  },
  {
    id: 'mdl',
    format: 'mso_mdoc',
    doctype: 'org.iso.18013.5.1.mDL',
    scope: 'mdl',
    display: L('Свидетелство за управление', 'Driving licence', 'Prawo jazdy'),
    background: '#1f4e9a',
    text: '#ffffff',
    validityDays: 365,
    batchSize: 3,
    claims: MDL_CLAIMS.map((claim) => ({
      path: [MDL_NS, claim.id],
      display: claim.display,
      selective: true,
      ...(claim.image && { image: true }),
    })),
  },
  {
    id: 'vehicle-registration',
    format: 'dc+sd-jwt',
    vct: 'urn:civitas:vehicle-registration:1',
    scope: 'vehicle-registration',
    display: L('Свидетелство за регистрация', 'Vehicle registration certificate', 'Dowód rejestracyjny'),
    background: '#6b3fa0',
    text: '#ffffff',
    validityDays: 365,
    batchSize: 2,
    claims: [
      {
        path: ['vin'],
        display: L('Идентификационен номер (VIN)', 'Vehicle identification number', 'Numer VIN'),
        selective: true,
      },
      {
        path: ['plate'],
        display: L('Регистрационен номер', 'Registration plate', 'Numer rejestracyjny'),
        selective: true,
      },
      { path: ['make'], display: L('Марка', 'Make', 'Marka'), selective: true },
      { path: ['model'], display: L('Модел', 'Model', 'Model'), selective: true },
      {
        path: ['first_registration_date'],
        display: L('Първа регистрация', 'First registration', 'Pierwsza rejestracja'),
        selective: true,
      },
      {
        path: ['holder', 'family_name'],
        display: L('Собственик: фамилия', 'Holder: family name', 'Właściciel: nazwisko'),
        selective: true,
      },
      {
        path: ['holder', 'given_name'],
        display: L('Собственик: име', 'Holder: given name', 'Właściciel: imię'),
        selective: true,
      },
      { path: ['category'], display: L('Категория', 'Category', 'Kategoria'), selective: true },
      { path: ['fuel'], display: L('Гориво', 'Fuel', 'Paliwo'), selective: true },
    ],
  },
  {
    id: 'ehic',
    format: 'dc+sd-jwt',
    vct: 'urn:eu.europa.ec.eudi:ehic:1',
    scope: 'ehic',
    display: L(
      'Европейска здравноосигурителна карта',
      'European Health Insurance Card',
      'Europejska Karta Ubezpieczenia Zdrowotnego',
    ),
    background: '#003399',
    text: '#ffcc00',
    validityDays: 365,
    batchSize: 2,
    claims: [
      { path: ['family_name'], display: L('Фамилия', 'Family name', 'Nazwisko'), selective: true },
      { path: ['given_name'], display: L('Име', 'Given name', 'Imię'), selective: true },
      {
        path: ['birthdate'],
        display: L('Дата на раждане', 'Date of birth', 'Data urodzenia'),
        selective: true,
      },
      {
        path: ['personal_administrative_number'],
        display: L('Личен номер', 'Personal number', 'Numer osobisty'),
        selective: true,
      },
      {
        path: ['issuing_authority', 'id'],
        display: L('Код на институцията', 'Institution code', 'Kod instytucji'),
        selective: true,
      },
      {
        path: ['issuing_authority', 'name'],
        display: L('Институция', 'Institution', 'Instytucja'),
        selective: true,
      },
      {
        path: ['document_number'],
        display: L('Номер на картата', 'Card number', 'Numer karty'),
        selective: true,
      },
      { path: ['date_of_expiry'], display: L('Валидна до', 'Valid until', 'Ważna do'), selective: true },
    ],
  },
];

export function credentialConfiguration(id: string): CredentialConfiguration | undefined {
  return CREDENTIAL_CONFIGURATIONS.find((configuration) => configuration.id === id);
}
