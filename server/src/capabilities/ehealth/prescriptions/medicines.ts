import type { Label } from '@civitas/contracts/api/prescriptions.ts';
import { termOf } from '@civitas/contracts/health/terminology.ts';

export const ATC_SYSTEM = 'http://www.whocc.no/atc';

/**
 * The medicines a prescription may name, by ATC code, in the platform's three languages.
 * INTERIM: the terminology (`packages/contracts/src/health/terminology.ts`, owned by the synthetic
 * data part) replaces this list at merge; the service asks only `medicineLabel`.
 */
const MEDICINES: Readonly<Record<string, Label>> = {
  A02BC01: { bg: 'Омепразол', en: 'Omeprazole', pl: 'Omeprazol' },
  A10BA02: { bg: 'Метформин', en: 'Metformin', pl: 'Metformina' },
  B01AC06: { bg: 'Ацетилсалицилова киселина', en: 'Acetylsalicylic acid', pl: 'Kwas acetylosalicylowy' },
  C03CA01: { bg: 'Фуроземид', en: 'Furosemide', pl: 'Furosemid' },
  C07AB07: { bg: 'Бизопролол', en: 'Bisoprolol', pl: 'Bisoprolol' },
  C08CA01: { bg: 'Амлодипин', en: 'Amlodipine', pl: 'Amlodypina' },
  C09AA05: { bg: 'Рамиприл', en: 'Ramipril', pl: 'Ramipryl' },
  C10AA05: { bg: 'Аторвастатин', en: 'Atorvastatin', pl: 'Atorwastatyna' },
  H03AA01: { bg: 'Левотироксин натрий', en: 'Levothyroxine sodium', pl: 'Lewotyroksyna sodowa' },
  J01CA04: { bg: 'Амоксицилин', en: 'Amoxicillin', pl: 'Amoksycylina' },
  J01CR02: {
    bg: 'Амоксицилин и бета-лактамазен инхибитор',
    en: 'Amoxicillin and beta-lactamase inhibitor',
    pl: 'Amoksycylina z inhibitorem beta-laktamazy',
  },
  M01AE01: { bg: 'Ибупрофен', en: 'Ibuprofen', pl: 'Ibuprofen' },
  N02BE01: { bg: 'Парацетамол', en: 'Paracetamol', pl: 'Paracetamol' },
  R03AC02: { bg: 'Салбутамол', en: 'Salbutamol', pl: 'Salbutamol' },
};

/**
 * The medicine's name in three languages, or null when the code is not a known ATC medicine: the
 * terminology's medicines (what doctors choose from and the synthetic record prescribes), then
 * this list's.
 */
export function medicineLabel(code: string): Label | null {
  const term = termOf(ATC_SYSTEM, code);
  if (term) return { bg: term.labels.bg, en: term.labels.en, pl: term.labels.pl };
  return Object.hasOwn(MEDICINES, code) ? MEDICINES[code]! : null;
}
