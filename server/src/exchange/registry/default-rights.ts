import type { PurposePair } from '../../kernel/index.ts';

/**
 * The access rights a fresh installation grants, as purpose–basis pairs per client and service:
 * each client gets exactly the pairs its work needs, on exactly the registers that work reads.
 * An administrator changes them afterwards (`civitas exchange rights`, `/api/exchange/access-rights`).
 */
export interface DefaultRight {
  client: string;
  serviceId: string;
  pairs: PurposePair[];
}

/** The client subsystems (full ids) the instance configuration names for the platform's own work. */
export interface DefaultClients {
  portal: string;
  municipality: string;
  police: string;
  /** The wallet issuer's subsystem: reads the registers a credential is filled from (none before issue 16). */
  wallet?: string;
}

type ClientRole = keyof DefaultClients;

/** A register's service by its subsystem and service codes, the same in every instance. */
const PERSONS = 'population-register/persons';
const DOCUMENTS = 'identity-documents/documents';
const LICENCES = 'driving-licences/licences';
const VEHICLES = 'vehicle-register/vehicles';
const INSPECTIONS = 'inspections/inspections';
const INSURANCE = 'mtpl-insurance/policies';
const FINES = 'traffic-fines/fines';
const VEHICLE_TAX = 'local-taxes/vehicle-tax';
const HEALTH_INSURANCE = 'health-insurance/insured-persons';
const COMMERCIAL = 'commercial-register/companies';
const CRIMINAL_RECORDS = 'criminal-records/convictions';
/** The health record (a register kept by the eHealth context): its patient summary and vaccinations. */
const HEALTH_RECORD = 'health-record/records';

const REGISTERS = [
  PERSONS,
  DOCUMENTS,
  LICENCES,
  VEHICLES,
  INSPECTIONS,
  INSURANCE,
  FINES,
  VEHICLE_TAX,
  HEALTH_INSURANCE,
  COMMERCIAL,
  CRIMINAL_RECORDS,
];

/** Which pairs a client is granted on which services (a pair listed once for several services). */
const GRANTS: ReadonlyArray<{ client: ClientRole; pair: PurposePair; services: readonly string[] }> = [
  // The citizens' portal: a person's own data, signing in, the e-services, vehicle reports.
  {
    client: 'portal',
    pair: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
    services: REGISTERS,
  },
  // A citizen's own health record (their patient summary) through the exchange.
  {
    client: 'portal',
    pair: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
    services: [HEALTH_RECORD],
  },
  {
    client: 'portal',
    pair: { purpose: 'authentication', legalBasis: 'e-government-act-art-2' },
    services: [PERSONS],
  },
  {
    client: 'portal',
    pair: { purpose: 'resident-parking-permit', legalBasis: 'sofia-parking-ordinance-art-35' },
    services: [PERSONS, VEHICLES, LICENCES, VEHICLE_TAX],
  },
  // The signing CA names a person in their signing certificate (eIDAS Art. 24: identity checked).
  {
    client: 'portal',
    pair: { purpose: 'signing-certificate-issuance', legalBasis: 'eidas-regulation-art-24' },
    services: [PERSONS],
  },
  // The declared e-services (server/src/capabilities/eservices/catalogue): each service's pair on
  // the registers its declaration reads, for the applicant's prefill ...
  {
    client: 'portal',
    pair: { purpose: 'child-birth-benefit', legalBasis: 'family-allowances-act-art-6' },
    services: [PERSONS],
  },
  {
    client: 'portal',
    pair: { purpose: 'ehic-request', legalBasis: 'regulation-883-2004-art-19' },
    services: [PERSONS, HEALTH_INSURANCE],
  },
  // ... and for the evidence the administration's official gathers in the back office.
  {
    client: 'municipality',
    pair: { purpose: 'change-of-current-address', legalBasis: 'civil-registration-act-art-92' },
    services: [PERSONS],
  },
  {
    client: 'municipality',
    pair: { purpose: 'resident-parking-permit', legalBasis: 'sofia-parking-ordinance-art-35' },
    services: [PERSONS, VEHICLES],
  },
  {
    client: 'portal',
    pair: { purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' },
    services: [VEHICLES, INSPECTIONS, INSURANCE, FINES, VEHICLE_TAX],
  },
  // Delivery: expiry reminders read the documents' end dates; a paid fine or tax is recorded.
  {
    client: 'portal',
    pair: { purpose: 'expiry-reminders', legalBasis: 'e-government-act-art-2' },
    services: [DOCUMENTS, LICENCES, VEHICLES, INSPECTIONS, INSURANCE],
  },
  {
    client: 'portal',
    pair: { purpose: 'fee-payment', legalBasis: 'e-government-act-art-2' },
    services: [FINES, VEHICLE_TAX],
  },
  // The e-services (issue 18): each write service and each certificate on its own pair.
  {
    client: 'portal',
    pair: { purpose: 'change-of-current-address', legalBasis: 'civil-registration-act-art-92' },
    services: [PERSONS],
  },
  {
    client: 'portal',
    pair: { purpose: 'vehicle-registration-transfer', legalBasis: 'road-traffic-act-art-145' },
    services: [PERSONS, VEHICLES],
  },
  {
    client: 'portal',
    pair: { purpose: 'certificate-of-no-criminal-record', legalBasis: 'criminal-records-ordinance' },
    services: [PERSONS, CRIMINAL_RECORDS],
  },
  {
    client: 'portal',
    pair: { purpose: 'business-representation', legalBasis: 'commercial-register-act-art-11' },
    services: [COMMERCIAL],
  },
  {
    client: 'portal',
    pair: { purpose: 'company-good-standing-certificate', legalBasis: 'commercial-register-act-art-11' },
    services: [PERSONS, COMMERCIAL],
  },
  // The wallet issuer: exactly the registers its credentials are filled from (PID, mDL, vehicle
  // registration, EHIC), under eIDAS Art. 5a.
  {
    client: 'wallet',
    pair: { purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' },
    services: [PERSONS, DOCUMENTS, LICENCES, VEHICLES, HEALTH_INSURANCE],
  },
  // The wallet's vaccination credential is filled from the health record's vaccinations.
  {
    client: 'wallet',
    pair: { purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' },
    services: [HEALTH_RECORD],
  },
  // The municipality's officials: addresses for civil registration, vehicles for its procedures.
  {
    client: 'municipality',
    pair: { purpose: 'address-verification', legalBasis: 'civil-registration-act-art-106' },
    services: [PERSONS],
  },
  {
    client: 'municipality',
    pair: { purpose: 'vehicle-history-report', legalBasis: 'local-taxes-and-fees-act-art-54' },
    services: [VEHICLES, INSPECTIONS, INSURANCE],
  },
  // The police: identity checks, criminal investigations (which may be hidden), traffic control.
  {
    client: 'police',
    pair: { purpose: 'identity-verification', legalBasis: 'ministry-of-interior-act-art-70' },
    // The identity documents too: an identity check is whether the ID card shown is valid.
    services: [PERSONS, DOCUMENTS],
  },
  {
    client: 'police',
    pair: { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
    services: [PERSONS, VEHICLES, INSPECTIONS, INSURANCE],
  },
  {
    client: 'police',
    pair: { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' },
    services: [VEHICLES, INSPECTIONS, INSURANCE],
  },
];

/**
 * The default rights on the services this registry has (full ids), one right per client and
 * service. A grant names a service by its subsystem and service codes, matched against the ids'
 * last two parts, so the same grants serve every instance.
 */
export function defaultRights(services: Iterable<string>, clients: DefaultClients): DefaultRight[] {
  const byLocalId = new Map<string, string[]>();
  for (const serviceId of services) {
    const local = serviceId.split('/').slice(-2).join('/');
    byLocalId.set(local, [...(byLocalId.get(local) ?? []), serviceId]);
  }
  const rights = new Map<string, DefaultRight>();
  for (const grant of GRANTS) {
    const client = clients[grant.client];
    if (!client) continue;
    for (const serviceId of grant.services.flatMap((local) => byLocalId.get(local) ?? [])) {
      const key = `${client} ${serviceId}`;
      const right = rights.get(key) ?? { client, serviceId, pairs: [] };
      right.pairs.push(grant.pair);
      rights.set(key, right);
    }
  }
  return [...rights.values()];
}
