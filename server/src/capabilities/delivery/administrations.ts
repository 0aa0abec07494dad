import type { LocalText } from './ports.ts';

export interface AdministrationEntry {
  /** The administration's exchange subsystem code (the back office's queue key). */
  id: string;
  name: LocalText;
  /** How the role register names the organisation its officials work for. */
  organisation: string;
}

/** The administrations a citizen can write or forward to (the default installation's). */
export const DEFAULT_ADMINISTRATIONS: readonly AdministrationEntry[] = [
  {
    id: 'sofia-municipality',
    name: { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' },
    organisation: 'Столична община',
  },
  {
    id: 'ministry-of-interior',
    name: {
      bg: 'Министерство на вътрешните работи',
      en: 'Ministry of Interior',
      pl: 'Ministerstwo Spraw Wewnętrznych',
    },
    organisation: 'Министерство на вътрешните работи',
  },
  {
    id: 'national-revenue-agency',
    name: {
      bg: 'Национална агенция за приходите',
      en: 'National Revenue Agency',
      pl: 'Krajowa Agencja Przychodów',
    },
    organisation: 'Национална агенция за приходите',
  },
  {
    id: 'national-health-insurance-fund',
    name: {
      bg: 'Национална здравноосигурителна каса',
      en: 'National Health Insurance Fund',
      pl: 'Krajowy Fundusz Ubezpieczeń Zdrowotnych',
    },
    organisation: 'Национална здравноосигурителна каса',
  },
];
