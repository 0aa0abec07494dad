/**
 * The resident parking permit's rules, below HTTP: the registers are asked about the signed-in
 * person only, for the e-service's purpose on its legal basis; who may apply is decided from what
 * they answered before the form is shown: a resident of the issuing municipality (permanent or
 * current address there, as the population register has it) who owns a vehicle on the road.
 */
import type { Caller } from '../../access/index.ts';
import type { CallContext } from '../../exchange/index.ts';

/** Purpose and legal basis codes of the e-service's register lookups (`kernel/purposes.ts`). */
export const PARKING_PERMIT_ACCESS = {
  purpose: 'resident-parking-permit',
  legalBasis: 'sofia-parking-ordinance-art-35',
} as const;

/** The prefill's lookups: about the applicant alone, asked by them, under the request's id. */
export function prefillAccess(
  applicant: Pick<Caller, 'subject'>,
  requestId: string,
  use: { purpose: string; legalBasis: string } = PARKING_PERMIT_ACCESS,
): CallContext {
  return {
    purpose: use.purpose,
    legalBasis: use.legalBasis,
    dataSubject: applicant.subject,
    userId: applicant.subject,
    caseRef: requestId,
  };
}

/** The municipality that issues the permit, as the population register names it. */
export const ISSUING_MUNICIPALITY = {
  registerName: 'Столична',
  name: { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' },
} as const;

export type IneligibilityReason = 'lives-elsewhere' | 'no-vehicle';

export type Eligibility =
  | { status: 'eligible'; reasons: [] }
  | { status: 'not-eligible'; reasons: IneligibilityReason[] }
  /** A register needed to decide did not answer: the citizen may still fill the form in. */
  | { status: 'unknown'; reasons: [] };

interface Address {
  kind: string;
  municipalityName: string;
}

interface Vehicle {
  vin: string;
  plate: string | null;
  stolen: boolean;
}

/** Vehicles a permit can be for: on the road in the citizen's name, with plates, not stolen. */
export function permitVehicles<T extends Vehicle>(vehicles: readonly T[]): T[] {
  return vehicles.filter((vehicle) => vehicle.plate !== null && vehicle.plate !== '' && !vehicle.stolen);
}

/**
 * The decision, or `unknown` when the population or vehicle register did not answer (null): a
 * missing answer never makes anyone ineligible.
 */
export function parkingPermitEligibility(
  addresses: readonly Address[] | null,
  vehicles: readonly Vehicle[] | null,
): Eligibility {
  const reasons: IneligibilityReason[] = [];
  if (
    addresses &&
    !addresses.some(
      (address) =>
        (address.kind === 'permanent' || address.kind === 'current') &&
        address.municipalityName === ISSUING_MUNICIPALITY.registerName,
    )
  )
    reasons.push('lives-elsewhere');
  if (vehicles && permitVehicles(vehicles).length === 0) reasons.push('no-vehicle');
  if (reasons.length > 0) return { status: 'not-eligible', reasons };
  if (!addresses || !vehicles) return { status: 'unknown', reasons: [] };
  return { status: 'eligible', reasons: [] };
}

/**
 * A declared service's register read: the declaration's purpose and legal basis, about the
 * applicant (the data subject) alone, by the person named as the user (the applicant, or the
 * official gathering evidence through their administration's client), under the case's reference.
 */
export function serviceAccess(
  use: { purpose: string; legalBasis: string; caseRef: string; userId: string; client?: string },
  subject: string,
): CallContext {
  return {
    ...(use.client ? { client: use.client } : {}),
    purpose: use.purpose,
    legalBasis: use.legalBasis,
    dataSubject: subject,
    userId: use.userId,
    caseRef: use.caseRef,
  };
}
