import type { PurposePair } from '../../kernel/purposes.ts';
import {
  INSTANCE,
  MUNICIPALITY_CLIENT,
  memberOfSubsystem,
  POLICE_CLIENT,
  PORTAL_CLIENT,
} from '../catalogue.ts';

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

function serviceId(subsystem: string, service: string): string {
  const member = memberOfSubsystem(subsystem);
  return `${INSTANCE}/${member.memberClass}/${member.memberCode}/${subsystem}/${service}`;
}

const PERSONS = serviceId('population-register', 'persons');
const DOCUMENTS = serviceId('identity-documents', 'documents');
const LICENCES = serviceId('driving-licences', 'licences');
const VEHICLES = serviceId('vehicle-register', 'vehicles');
const INSPECTIONS = serviceId('inspections', 'inspections');
const INSURANCE = serviceId('mtpl-insurance', 'policies');
const FINES = serviceId('traffic-fines', 'fines');
const VEHICLE_TAX = serviceId('local-taxes', 'vehicle-tax');

const REGISTERS = [PERSONS, DOCUMENTS, LICENCES, VEHICLES, INSPECTIONS, INSURANCE, FINES, VEHICLE_TAX];

/** Which pairs a client is granted on which services (a pair listed once for several services). */
const GRANTS: ReadonlyArray<{ client: string; pair: PurposePair; services: readonly string[] }> = [
  // The citizens' portal: a person's own data, signing in, the e-services, vehicle reports.
  {
    client: PORTAL_CLIENT,
    pair: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
    services: REGISTERS,
  },
  {
    client: PORTAL_CLIENT,
    pair: { purpose: 'authentication', legalBasis: 'e-government-act-art-2' },
    services: [PERSONS],
  },
  {
    client: PORTAL_CLIENT,
    pair: { purpose: 'resident-parking-permit', legalBasis: 'sofia-parking-ordinance-art-35' },
    services: [PERSONS, VEHICLES, LICENCES, VEHICLE_TAX],
  },
  {
    client: PORTAL_CLIENT,
    pair: { purpose: 'vehicle-history-report', legalBasis: 'road-traffic-act-art-140' },
    services: [VEHICLES, INSPECTIONS, INSURANCE, FINES, VEHICLE_TAX],
  },
  // The municipality's officials: addresses for civil registration, vehicles for its procedures.
  {
    client: MUNICIPALITY_CLIENT,
    pair: { purpose: 'address-verification', legalBasis: 'civil-registration-act-art-106' },
    services: [PERSONS],
  },
  {
    client: MUNICIPALITY_CLIENT,
    pair: { purpose: 'vehicle-history-report', legalBasis: 'local-taxes-and-fees-act-art-54' },
    services: [VEHICLES, INSPECTIONS, INSURANCE],
  },
  // The police: identity checks, criminal investigations (which may be hidden), traffic control.
  {
    client: POLICE_CLIENT,
    pair: { purpose: 'identity-verification', legalBasis: 'ministry-of-interior-act-art-70' },
    // The identity documents too: an identity check is whether the ID card shown is valid.
    services: [PERSONS, DOCUMENTS],
  },
  {
    client: POLICE_CLIENT,
    pair: { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
    services: [PERSONS, VEHICLES, INSPECTIONS, INSURANCE],
  },
  {
    client: POLICE_CLIENT,
    pair: { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' },
    services: [VEHICLES, INSPECTIONS, INSURANCE],
  },
];

/** The default rights of the services this registry has, one right per client and service. */
export function defaultRights(services: Iterable<string>): DefaultRight[] {
  const known = new Set(services);
  const rights = new Map<string, DefaultRight>();
  for (const grant of GRANTS) {
    for (const service of grant.services) {
      if (!known.has(service)) continue;
      const key = `${grant.client} ${service}`;
      const right = rights.get(key) ?? { client: grant.client, serviceId: service, pairs: [] };
      right.pairs.push(grant.pair);
      rights.set(key, right);
    }
  }
  return [...rights.values()];
}

/** The clients a fresh installation grants rights to. */
export const DEFAULT_CLIENTS: readonly string[] = [...new Set(GRANTS.map((grant) => grant.client))];
