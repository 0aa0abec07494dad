import { type Static, Type } from '@sinclair/typebox';
import {
  Answer,
  Codes,
  defineService,
  EikParam,
  IsoDate,
  Nullable,
  PersonalNumberParam,
} from './contract.ts';

/**
 * The commercial register (BG: Търговски регистър, kept by the Registry Agency): companies by
 * EIK, their registered address and status, and the persons who represent them. Browser-safe:
 * the web names each code in its reader's language.
 */

/** Legal forms as codes: ЕТ, ЕООД, ООД, ЕАД, АД (the Commerce Act's). */
export const LEGAL_FORMS = ['et', 'eood', 'ood', 'ead', 'ad'] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** How the register marks a company: trading, being wound up, bankrupt, or struck off. */
export const COMPANY_STATUSES = ['active', 'in-liquidation', 'insolvent', 'struck-off'] as const;
export type CompanyStatus = (typeof COMPANY_STATUSES)[number];

/** A representative's role: a sole trader, a manager (управител), an executive director (изпълнителен директор). */
export const REPRESENTATIVE_ROLES = ['sole-trader', 'manager', 'executive-director'] as const;
export type RepresentativeRole = (typeof REPRESENTATIVE_ROLES)[number];

export const Representative = Answer({
  egn: Type.String(),
  /** The name as entered in the register (Cyrillic). */
  name: Type.String(),
  role: Codes(REPRESENTATIVE_ROLES),
  /** True: may act for the company alone; false: only jointly with the other representatives. */
  alone: Type.Boolean(),
  since: IsoDate,
});
export type Representative = Static<typeof Representative>;

export const RegisteredAddress = Answer({
  municipalityName: Type.String(),
  settlementName: Type.String(),
  postcode: Type.String(),
  street: Type.String(),
  building: Type.String(),
});
export type RegisteredAddress = Static<typeof RegisteredAddress>;

export const Company = Answer(
  {
    eik: Type.String({ pattern: '^[0-9]{9}$' }),
    name: Type.String(),
    /** The name in Latin letters (as the register keeps it for foreign use). */
    nameLatin: Type.String(),
    legalForm: Codes(LEGAL_FORMS),
    registeredOn: IsoDate,
    status: Codes(COMPANY_STATUSES),
    registeredAddress: RegisteredAddress,
    /** Persons named in the register: personal data. */
    representatives: Type.Array(Representative),
  },
  'A company in the commercial register',
);
export type Company = Static<typeof Company>;

/** Whether a person may represent a company: what the exchange's represented-party check asks. */
export const Representation = Answer({
  eik: Type.String(),
  egn: Type.String(),
  mayRepresent: Type.Boolean(),
  /** Set when the person is a representative (even one who may act only jointly). */
  role: Nullable(Codes(REPRESENTATIVE_ROLES)),
  alone: Nullable(Type.Boolean()),
  companyStatus: Codes(COMPANY_STATUSES),
});
export type Representation = Static<typeof Representation>;

/** A company a person represents, as their profile lists it. */
export const RepresentedCompany = Answer({
  eik: Type.String(),
  name: Type.String(),
  legalForm: Codes(LEGAL_FORMS),
  status: Codes(COMPANY_STATUSES),
  role: Codes(REPRESENTATIVE_ROLES),
  alone: Type.Boolean(),
});
export type RepresentedCompany = Static<typeof RepresentedCompany>;

/** The purpose and legal basis of the exchange's represented-party check. */
export const REPRESENTATION_CHECK = {
  purpose: 'business-representation',
  legalBasis: 'commercial-register-act-art-11',
} as const;

export const COMMERCIAL_REGISTER = defineService({
  subsystem: 'commercial-register',
  service: 'companies',
  name: 'Commercial register',
  description:
    'A company by EIK (name, legal form, registered address, status, representatives), whether a person may represent it, and the companies a person represents.',
  endpoints: {
    byEik: {
      path: '/by-eik/{eik}',
      summary:
        'A company by EIK with its representatives (personal data; without X-Road-Data-Subject the register names the first representative)',
      personalData: true,
      params: Type.Object({ eik: EikParam }),
      answer: Company,
    },
    representative: {
      path: '/{eik}/representatives/{egn}',
      summary: 'Whether a person may represent the company (alone, or jointly when that is all they may)',
      personalData: true,
      params: Type.Object({ eik: EikParam, egn: PersonalNumberParam }),
      answer: Representation,
    },
    byRepresentative: {
      path: '/by-representative/{egn}',
      summary: 'The companies a person represents',
      personalData: true,
      params: Type.Object({ egn: PersonalNumberParam }),
      answer: Type.Array(RepresentedCompany),
    },
  },
});
