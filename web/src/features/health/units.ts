/**
 * UCUM units as a reader writes them: `10*9/L` is "× 10⁹/l", `mm[Hg]` "mmHg", `/min` "per
 * minute". The unit codes the record's results use (LOINC's example units); any other unit is
 * shown by the display the result itself carries, and the code only when it has none.
 */
import type { TermLocale } from './terms.ts';

type Written = Readonly<Record<TermLocale, string>>;

const same = (text: string): Written => ({ bg: text, en: text, pl: text });

const UNITS: Readonly<Record<string, Written>> = {
  '%': same('%'),
  'mmol/L': { bg: 'ммол/л', en: 'mmol/L', pl: 'mmol/l' },
  'mmol/mol': { bg: 'ммол/мол', en: 'mmol/mol', pl: 'mmol/mol' },
  'umol/L': { bg: 'µмол/л', en: 'µmol/L', pl: 'µmol/l' },
  'pmol/L': { bg: 'пмол/л', en: 'pmol/L', pl: 'pmol/l' },
  'mg/dL': { bg: 'мг/дл', en: 'mg/dL', pl: 'mg/dl' },
  'mg/L': { bg: 'мг/л', en: 'mg/L', pl: 'mg/l' },
  'ng/mL': { bg: 'нг/мл', en: 'ng/mL', pl: 'ng/ml' },
  'g/L': { bg: 'г/л', en: 'g/L', pl: 'g/l' },
  'g/dL': { bg: 'г/дл', en: 'g/dL', pl: 'g/dl' },
  '10*9/L': { bg: '× 10⁹/л', en: '× 10⁹/L', pl: '× 10⁹/l' },
  '10*12/L': { bg: '× 10¹²/л', en: '× 10¹²/L', pl: '× 10¹²/l' },
  '10*3/uL': { bg: '× 10³/µл', en: '× 10³/µL', pl: '× 10³/µl' },
  'U/L': { bg: 'Е/л', en: 'U/L', pl: 'U/l' },
  'mU/L': { bg: 'мЕ/л', en: 'mU/L', pl: 'mU/l' },
  'm[IU]/L': { bg: 'мМЕ/л', en: 'mIU/L', pl: 'mIU/l' },
  'u[IU]/mL': { bg: 'µМЕ/мл', en: 'µIU/mL', pl: 'µIU/ml' },
  'mL/min/{1.73_m2}': { bg: 'мл/мин/1,73 м²', en: 'mL/min/1.73 m²', pl: 'ml/min/1,73 m²' },
  'mL/min/1.73m2': { bg: 'мл/мин/1,73 м²', en: 'mL/min/1.73 m²', pl: 'ml/min/1,73 m²' },
  'mm[Hg]': { bg: 'мм Hg', en: 'mmHg', pl: 'mmHg' },
  '/min': { bg: 'в минута', en: 'per minute', pl: 'na minutę' },
  kg: { bg: 'кг', en: 'kg', pl: 'kg' },
  g: { bg: 'г', en: 'g', pl: 'g' },
  cm: { bg: 'см', en: 'cm', pl: 'cm' },
  'kg/m2': { bg: 'кг/м²', en: 'kg/m²', pl: 'kg/m²' },
  Cel: same('°C'),
  mg: { bg: 'мг', en: 'mg', pl: 'mg' },
};

/** A quantity's unit in the reader's language; '' when the quantity has none. */
export function unitLabel(
  quantity: { code?: string | undefined; unit?: string | undefined } | undefined,
  locale: TermLocale,
): string {
  if (!quantity) return '';
  const known = quantity.code ? UNITS[quantity.code] : undefined;
  return known?.[locale] ?? quantity.unit ?? quantity.code ?? '';
}
