import type { LocalText } from '@civitas/contracts/eservices/declaration.ts';

/** The registers by their service code, named for the citizen who sees where a value came from. */
const NAMES: Record<string, LocalText> = {
  persons: {
    bg: 'Национален регистър на населението (ГРАО)',
    en: 'National population register (GRAO)',
    pl: 'Krajowy rejestr ludności (GRAO)',
  },
  vehicles: {
    bg: 'Регистър на моторните превозни средства (МВР)',
    en: 'Vehicle register (Ministry of Interior)',
    pl: 'Rejestr pojazdów (Ministerstwo Spraw Wewnętrznych)',
  },
  licences: {
    bg: 'Регистър на свидетелствата за управление (МВР)',
    en: 'Driving licence register (Ministry of Interior)',
    pl: 'Rejestr praw jazdy (Ministerstwo Spraw Wewnętrznych)',
  },
  'vehicle-tax': {
    bg: 'Местни данъци и такси',
    en: 'Local taxes',
    pl: 'Podatki lokalne',
  },
  'insured-persons': {
    bg: 'Регистър на здравноосигурените лица (НЗОК)',
    en: 'Health insurance register (NHIF)',
    pl: 'Rejestr ubezpieczonych (NHIF)',
  },
  documents: {
    bg: 'Регистър на българските документи за самоличност',
    en: 'Identity documents register',
    pl: 'Rejestr dokumentów tożsamości',
  },
};

/** A register's name in every language; a register without one is named by its contract's English name. */
export function registerName(register: string, fallback: string): LocalText {
  return NAMES[register] ?? { bg: fallback, en: fallback, pl: fallback };
}
