/**
 * Why personal data is asked for, and on which legal basis: stable kebab-case codes, the same in
 * every language. The registers, the exchange's access rights, the message log, the transparency
 * log and the data tracker all carry these codes; the web app shows them by their labels (its
 * locale sections `purposes` and `legalBases`). A code never changes meaning once published.
 *
 * Access rights grant purpose–basis **pairs** (as Bulgaria's RegiX does): a purpose is lawful only
 * on the bases that allow it, never on any basis that happens to be granted for something else.
 */

export const PURPOSES = [
  /** The person asks for their own data. */
  'data-subject-access',
  /** The eID node signs a person in. */
  'authentication',
  /** The e-service "Resident parking permit" fills its form. */
  'resident-parking-permit',
  /** A vehicle history report (owner, buyer, or an administration's procedure). */
  'vehicle-history-report',
  /** A municipality checks where a person lives (civil registration). */
  'address-verification',
  /** The police establish a person's identity. */
  'identity-verification',
  /** The police investigate a crime. */
  'criminal-investigation',
  /** The traffic police check a vehicle. */
  'traffic-control',
  /** The data protection authority supervises the processing of personal data. */
  'data-protection-supervision',
  /** The wallet issuer fills a credential the person asked for (PID, driving licence, …). */
  'credential-issuance',
  /** The police suspend a driving licence (or restore it). */
  'licence-suspension',
  /** An official records a death in the population register. */
  'death-registration',
  /** An official registers a vehicle to its new owner. */
  'vehicle-registration',
  /** A doctor treats a patient: reads and writes their health record (GP, specialist with a referral). */
  'medical-treatment',
  /** Break-glass: any doctor reads a health record in an emergency, with a stated reason, for a limited time. */
  'emergency-access',
  /** A pharmacist reads a prescription and records what was dispensed. */
  'prescription-dispensing',
  /** The platform reminds a person that a document of theirs expires (ID card, licence, insurance, inspection). */
  'expiry-reminders',
  /** A payment provider's confirmed payment is recorded in the register that assessed it (fine, vehicle tax). */
  'fee-payment',
  /** The platform's signing CA names a person in their signing certificate (issue 18). */
  'signing-certificate-issuance',
  /** A municipality records a person's new current address (the e-service, on their application). */
  'change-of-current-address',
  /** A vehicle is registered to its buyer (the e-service, seller and buyer having signed). */
  'vehicle-registration-transfer',
  /** A certificate of criminal record is made for the person who asked for it. */
  'certificate-of-no-criminal-record',
  /** The exchange checks that a person may represent the company a request is made for. */
  'business-representation',
  /** A certificate of a company's good standing is made for its representative. */
  'company-good-standing-certificate',
  /** The e-service "One-off child birth benefit": its form and the social assistance decision. */
  'child-birth-benefit',
  /** The e-service "European Health Insurance Card": its form and the fund's decision. */
  'ehic-request',
] as const;

export type PurposeCode = (typeof PURPOSES)[number];

export interface LegalBasisDefinition {
  /** The provision as cited in English (the web app has its own translated labels). */
  citation: string;
  /**
   * Whether an access on this basis may be hidden from the data subject for a while (e.g. a
   * criminal investigation, Directive (EU) 2016/680 Art. 15). An access on any other basis is
   * always shown to the person.
   */
  hideable: boolean;
}

export const LEGAL_BASES = {
  'gdpr-art-15': { citation: 'GDPR, Art. 15', hideable: false },
  'e-government-act-art-2': { citation: 'GDPR, Art. 6(1)(e); e-Government Act, Art. 2', hideable: false },
  'sofia-parking-ordinance-art-35': { citation: 'Ordinance on parking in Sofia, Art. 35', hideable: false },
  'road-traffic-act-art-140': { citation: 'Road Traffic Act, Art. 140', hideable: false },
  'road-traffic-act-art-165': { citation: 'Road Traffic Act, Art. 165', hideable: false },
  'civil-registration-act-art-106': { citation: 'Civil Registration Act, Art. 106', hideable: false },
  'local-taxes-and-fees-act-art-54': { citation: 'Local Taxes and Fees Act, Art. 54', hideable: false },
  'ministry-of-interior-act-art-70': { citation: 'Ministry of Interior Act, Art. 70', hideable: false },
  'ministry-of-interior-act-art-6': { citation: 'Ministry of Interior Act, Art. 6', hideable: true },
  'gdpr-art-58': { citation: 'GDPR, Art. 58', hideable: false },
  'eidas-regulation-art-5a': { citation: 'Regulation (EU) No 910/2014 (eIDAS), Art. 5a', hideable: false },
  'road-traffic-act-art-171': { citation: 'Road Traffic Act, Art. 171', hideable: false },
  'civil-registration-act-death': {
    citation: 'Civil Registration Act (death certificates)',
    hideable: false,
  },
  'gdpr-art-9-2-h': { citation: 'GDPR, Art. 9(2)(h); Health Act, Art. 27', hideable: false },
  'gdpr-art-9-2-c': { citation: 'GDPR, Art. 9(2)(c)', hideable: false },
  'eidas-regulation-art-24': {
    citation: 'Regulation (EU) No 910/2014 (eIDAS), Art. 24 and 26',
    hideable: false,
  },
  'civil-registration-act-art-92': { citation: 'Civil Registration Act, Art. 92', hideable: false },
  'road-traffic-act-art-145': { citation: 'Road Traffic Act, Art. 145', hideable: false },
  'criminal-records-ordinance': {
    citation: 'Ordinance No 8 of 2008 on the criminal records bureaux',
    hideable: false,
  },
  'commercial-register-act-art-11': {
    citation: 'Commercial Register and Register of Non-Profit Legal Entities Act, Art. 11',
    hideable: false,
  },
  'family-allowances-act-art-6': { citation: 'Family Allowances for Children Act, Art. 6', hideable: false },
  'regulation-883-2004-art-19': { citation: 'Regulation (EC) No 883/2004, Art. 19', hideable: false },
} as const satisfies Record<string, LegalBasisDefinition>;

export type LegalBasisCode = keyof typeof LEGAL_BASES;

/** A purpose and the legal basis it is asked on: what an access right grants, one pair at a time. */
export interface PurposePair {
  purpose: string;
  legalBasis: string;
}

export function isPurpose(code: string): code is PurposeCode {
  return (PURPOSES as readonly string[]).includes(code);
}

export function isLegalBasis(code: string): code is LegalBasisCode {
  return Object.hasOwn(LEGAL_BASES, code);
}

/** Whether an access on this legal basis may be hidden from the data subject for a while. */
export function isHideable(legalBasis: string): boolean {
  return isLegalBasis(legalBasis) && LEGAL_BASES[legalBasis].hideable;
}

/** A pair whose purpose or basis is not in the catalogue, described for an error message; null when both are known. */
export function unknownCodeIn(pair: PurposePair): string | null {
  if (!isPurpose(pair.purpose)) return `"${pair.purpose}" is not a purpose code`;
  if (!isLegalBasis(pair.legalBasis)) return `"${pair.legalBasis}" is not a legal basis code`;
  return null;
}

export function samePair(a: PurposePair, b: PurposePair): boolean {
  return a.purpose === b.purpose && a.legalBasis === b.legalBasis;
}

/** `purpose @ legal-basis`, as error messages and the CLI write a pair. */
export function formatPair(pair: PurposePair): string {
  return `${pair.purpose} @ ${pair.legalBasis}`;
}
