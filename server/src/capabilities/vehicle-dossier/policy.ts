/**
 * Who may see which vehicle's history report, what each viewer is shown, and the purpose and legal
 * basis the report's register lookups are made with. Decided here, below HTTP: the routes only
 * pass the caller and what they asked for.
 */
import type { SourceKey, Viewer } from '@civitas/contracts/api/vehicle-report.ts';
import type { AccessPolicy, Caller } from '../../access/index.ts';
import { AppError } from '../../kernel/index.ts';

/** A report's register lookups are made for this purpose (it shows in the data tracker), unless an official states another. */
export const DOSSIER_PURPOSE = 'vehicle-history-report';

/** The legal basis code of a report anyone may ask for (the dossier's statute, Road Traffic Act Art. 140). */
export const PUBLIC_LEGAL_BASIS = 'road-traffic-act-art-140';

/** Sections only the owner is shown: fines and unpaid tax follow the person, not the car. */
const OWNER_ONLY: ReadonlySet<SourceKey> = new Set(['fines', 'tax']);

/** What a signed-in caller asked with (X-Purpose, X-Legal-Basis, X-Case). */
export interface DossierIntent {
  purpose?: string | undefined;
  legalBasis?: string | undefined;
  caseRef?: string | null | undefined;
}

/** The vehicle's current holder as the vehicle register names them. */
export interface RegisteredHolder {
  kind: string;
  id: string;
}

/** Whom a report is for, and how its register lookups are made. */
export interface DossierGrant {
  viewer: Viewer;
  purpose: string;
  legalBasis: string;
  /** The administration's exchange client subsystem when staff ask (default: the portal's). */
  client?: string | undefined;
  /** The owner asking about their own vehicle: the data subject of every lookup. */
  owner?: string | undefined;
  /** Who asked (recorded with the report and in the exchange log); null for an anonymous buyer. */
  userId: string | null;
  caseRef?: string | null | undefined;
}

/** The one-fact proof that someone holds the vehicle's papers (POST /api/vehicle-reports). */
export type SecondFact = { firstRegistrationDate: string } | { registrationCertificateNumber: string };

/** The register sections a viewer's report asks for. */
export function sourcesFor(viewer: Viewer, all: readonly SourceKey[]): SourceKey[] {
  return all.filter((key) => viewer === 'owner' || !OWNER_ONLY.has(key));
}

/** Whether the report names its current owner (by kind, or a company by name): never to the public. */
export function namesCurrentOwner(viewer: Viewer): boolean {
  return viewer !== 'public';
}

/** Whether the fact given is the vehicle's, as the register has it. */
export function secondFactMatches(
  vehicle: { firstRegistrationDate: unknown; registrationCertificateNumber: unknown },
  fact: SecondFact,
): boolean {
  if ('firstRegistrationDate' in fact) return vehicle.firstRegistrationDate === fact.firstRegistrationDate;
  return (
    String(vehicle.registrationCertificateNumber).toUpperCase() ===
    fact.registrationCertificateNumber.trim().toUpperCase()
  );
}

/** The staff role a caller looks vehicles up as, police first. */
function staffRoleOf(caller: Caller): 'police' | 'official' | undefined {
  return (['police', 'official'] as const).find((role) => caller.roles.includes(role));
}

/**
 * The vehicle dossier's access rules: an official or police officer sees any vehicle under a
 * purpose–basis pair of their role (the access policy's), an owner their own vehicle, anyone else
 * a vehicle only with a second fact; a stranger's vehicle looks exactly like an unknown VIN.
 */
export class DossierPolicy {
  private readonly access: Pick<AccessPolicy, 'authorise'>;

  constructor(access: Pick<AccessPolicy, 'authorise'>) {
    this.access = access;
  }

  /**
   * The grant of an official or police officer who states a legal basis (the purpose defaults to
   * the report's own), or null for anyone else: they may see only a vehicle they own. A pair the
   * caller's role does not hold is refused (`purpose-not-allowed`).
   */
  async staffGrant(caller: Caller, intent: DossierIntent): Promise<DossierGrant | null> {
    const legalBasis = intent.legalBasis?.trim();
    if (!staffRoleOf(caller) || !legalBasis) return null;
    const access = await this.access.authorise(caller, 'vehicle-dossier', {
      purpose: intent.purpose?.trim() || DOSSIER_PURPOSE,
      legalBasis,
      caseRef: intent.caseRef ?? null,
    });
    return {
      viewer: access.role,
      client: access.client,
      purpose: access.purpose,
      legalBasis: access.legalBasis,
      userId: caller.subject,
      caseRef: access.caseRef ?? null,
    };
  }

  /** How the vehicle register is asked who holds a vehicle, before the caller is known to be its owner. */
  readonly holderLookup = { purpose: DOSSIER_PURPOSE, legalBasis: PUBLIC_LEGAL_BASIS } as const;

  /**
   * The owner's grant when the register names the caller as the vehicle's current holder; for
   * anyone else the same `vehicle-not-found` as for an unknown VIN, so that a citizen cannot learn
   * which VINs exist.
   */
  ownerGrant(caller: Caller, holder: RegisteredHolder | null | undefined): DossierGrant {
    if (holder?.kind !== 'person' || holder.id !== caller.subject) {
      throw new AppError(
        'vehicle-not-found',
        staffRoleOf(caller)
          ? 'No vehicle with this VIN is registered to you. Officials and police see any vehicle with the X-Legal-Basis header.'
          : 'No vehicle with this VIN is registered to you. Anyone can ask for a report with a second fact (POST /api/vehicle-reports).',
      );
    }
    // The owner asks about themselves: the lookups name them, and they see them as their own.
    return {
      viewer: 'owner',
      owner: caller.subject,
      purpose: DOSSIER_PURPOSE,
      legalBasis: PUBLIC_LEGAL_BASIS,
      userId: caller.subject,
    };
  }

  /** Anyone who gave a matching second fact: the public report, asked on the dossier's statute. */
  publicGrant(): DossierGrant {
    return { viewer: 'public', purpose: DOSSIER_PURPOSE, legalBasis: PUBLIC_LEGAL_BASIS, userId: null };
  }
}
