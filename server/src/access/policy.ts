import { LOOKUP_SERVICES, type LookupService } from '@civitas/contracts/api/access.ts';
import type { CallContext } from '../exchange/index.ts';
import type { Role, StaffRole } from '../identity/index.ts';
import {
  AppError,
  formatPair,
  isHideable,
  isLegalBasis,
  type PurposePair,
  samePair,
} from '../kernel/index.ts';

/** What an official or police officer asks for: a person card or a vehicle's history report. */
export const ACCESS_SERVICES = LOOKUP_SERVICES;
export type AccessService = LookupService;

type StaffRoleName = Extract<Role, 'official' | 'police'>;

/**
 * Which purpose–basis pairs each role may use, for which lookup. The registers grant the same
 * pairs to the role's administration (`exchange/registry/default-rights.ts`); this is the
 * portal's own check, made before anything is asked.
 */
const ROLE_PAIRS: Readonly<Record<StaffRoleName, Readonly<Record<AccessService, readonly PurposePair[]>>>> = {
  official: {
    'person-card': [{ purpose: 'address-verification', legalBasis: 'civil-registration-act-art-106' }],
    'vehicle-dossier': [{ purpose: 'vehicle-history-report', legalBasis: 'local-taxes-and-fees-act-art-54' }],
  },
  police: {
    'person-card': [
      { purpose: 'identity-verification', legalBasis: 'ministry-of-interior-act-art-70' },
      { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
    ],
    'vehicle-dossier': [
      { purpose: 'traffic-control', legalBasis: 'road-traffic-act-art-165' },
      { purpose: 'criminal-investigation', legalBasis: 'ministry-of-interior-act-art-6' },
    ],
  },
};

function pairsOf(role: Role, service: AccessService): readonly PurposePair[] {
  return Object.hasOwn(ROLE_PAIRS, role) ? ROLE_PAIRS[role as StaffRoleName][service] : [];
}

/** The signed-in caller, as their access token proves them. */
export interface Caller {
  subject: string;
  roles: readonly Role[];
}

export interface AllowedPair extends PurposePair {
  service: AccessService;
  /** Whether an access under this pair may be hidden from the data subject for a while. */
  hideable: boolean;
}

/** A lookup the policy refused, for the operator's log. */
export interface AccessRefusal {
  actor: string;
  service: AccessService | 'hiding';
  purpose: string | null;
  legalBasis: string;
  reason: 'pair-not-allowed' | 'basis-not-hideable';
}

/** The exchange call a lookup is made with: the caller's administration as the client. */
export interface AuthorisedAccess extends CallContext {
  /** The administration's exchange client subsystem. */
  client: string;
  organisation: string;
  /** The role the caller looks up as. */
  role: StaffRoleName;
  purpose: string;
  legalBasis: string;
}

export interface AccessPolicyOptions {
  /** The roles the person holds on behalf of an administration that has an exchange client. */
  staffRolesOf(subject: string): Promise<StaffRole[]>;
  /** Told of every refusal (the platform writes it to its log). */
  report?(refusal: AccessRefusal): void;
}

/**
 * Who may look whom up, why, and on what basis: an official or police officer uses only the
 * purpose–basis pairs of a role they hold (in their token and in the role register) on behalf of
 * their administration, and their lookups go to the registers as that administration's. Only an
 * administration's own accesses can be hidden, and only on a basis that allows hiding.
 */
export class AccessPolicy {
  private readonly options: AccessPolicyOptions;

  constructor(options: AccessPolicyOptions) {
    this.options = options;
  }

  /** The pairs this caller may use, for each kind of lookup. */
  async allowed(caller: Caller): Promise<AllowedPair[]> {
    const items: AllowedPair[] = [];
    for (const staff of await this.staffRoles(caller)) {
      for (const service of ACCESS_SERVICES) {
        for (const pair of pairsOf(staff.role, service)) {
          if (items.some((item) => item.service === service && samePair(item, pair))) continue;
          items.push({ service, ...pair, hideable: isHideable(pair.legalBasis) });
        }
      }
    }
    return items;
  }

  /**
   * The exchange call for a lookup with this purpose and legal basis; refuses (and reports) a
   * pair the caller's roles do not allow for this lookup.
   */
  async authorise(
    caller: Caller,
    service: AccessService,
    asked: { purpose: string; legalBasis: string; caseRef?: string | null },
  ): Promise<AuthorisedAccess> {
    const pair = { purpose: asked.purpose, legalBasis: asked.legalBasis };
    const staff = (await this.staffRoles(caller)).find((role) =>
      pairsOf(role.role, service).some((allowed) => samePair(allowed, pair)),
    );
    if (!staff) {
      this.options.report?.({
        actor: caller.subject,
        service,
        purpose: pair.purpose,
        legalBasis: pair.legalBasis,
        reason: 'pair-not-allowed',
      });
      const allowed = (await this.allowed(caller)).filter((item) => item.service === service);
      throw new AppError(
        'purpose-not-allowed',
        `The purpose "${pair.purpose}" on the legal basis "${pair.legalBasis}" is not granted to you for this lookup; granted (purpose @ legal basis): ${allowed.map(formatPair).join('; ') || 'none'}.`,
      );
    }
    return {
      client: staff.client,
      organisation: staff.organisation,
      role: staff.role as StaffRoleName,
      purpose: pair.purpose,
      legalBasis: pair.legalBasis,
      userId: caller.subject,
      caseRef: asked.caseRef ?? null,
    };
  }

  /**
   * The administration (exchange client) that hides its accesses on this legal basis: the basis
   * must allow hiding, and the caller must hold a role that uses it. Refusals are reported.
   */
  async hidingClient(caller: Caller, legalBasis: string): Promise<string> {
    if (!isHideable(legalBasis)) {
      this.options.report?.({
        actor: caller.subject,
        service: 'hiding',
        purpose: null,
        legalBasis,
        reason: 'basis-not-hideable',
      });
      throw new AppError(
        'basis-not-hideable',
        isLegalBasis(legalBasis)
          ? `An access on the legal basis "${legalBasis}" may not be hidden from the person.`
          : `"${legalBasis}" is not a legal basis code.`,
      );
    }
    const staff = (await this.staffRoles(caller)).find((role) =>
      ACCESS_SERVICES.some((service) =>
        pairsOf(role.role, service).some((pair) => pair.legalBasis === legalBasis),
      ),
    );
    if (!staff) {
      this.options.report?.({
        actor: caller.subject,
        service: 'hiding',
        purpose: null,
        legalBasis,
        reason: 'pair-not-allowed',
      });
      throw new AppError('purpose-not-allowed', `The legal basis "${legalBasis}" is not granted to you.`);
    }
    return staff.client;
  }

  /** The administrations (exchange clients) the caller acts for. */
  async clientsOf(caller: Caller): Promise<string[]> {
    return [...new Set((await this.staffRoles(caller)).map((role) => role.client))];
  }

  /** Staff roles held both in the token and in the role register. */
  private async staffRoles(caller: Caller): Promise<StaffRole[]> {
    const held = await this.options.staffRolesOf(caller.subject);
    return held.filter((role) => caller.roles.includes(role.role));
  }
}
