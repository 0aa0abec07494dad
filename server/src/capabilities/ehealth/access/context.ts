import { PERSONS } from '@civitas/contracts/registers/population.ts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { ExchangeClient } from '../../../exchange/index.ts';
import { staffNames, staffRolesOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { Instance } from '../../../registers/index.ts';
import type { HealthAccessContext, HealthActor, HealthPurpose } from '../ports.ts';
import type { EhealthTables } from '../tables.ts';
import { BreakGlassGrants } from './break-glass.ts';
import { practitionerIdOf } from './launch.ts';
import { parseScopes } from './scopes.ts';
import type { AccessTables } from './tables.ts';

/**
 * Who calls, under which SMART scopes and for which purpose, from the request's access token.
 * The reply, when given, carries a 401's challenge (`WWW-Authenticate`).
 */
export type HealthContextResolver = (
  request: FastifyRequest,
  reply?: FastifyReply,
  /** `patient`: the caller as a patient whatever their roles (a doctor's own record, restrictions). */
  as?: 'patient',
) => Promise<HealthAccessContext>;

export const PURPOSES = {
  patient: { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
  practitioner: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
  emergency: { purpose: 'emergency-access', legalBasis: 'gdpr-art-9-2-c' },
  pharmacist: { purpose: 'prescription-dispensing', legalBasis: 'gdpr-art-9-2-h' },
} as const satisfies Record<string, HealthPurpose>;

/** The platform's own context (seeding, the benchmark's baseline): no policy applies to it. */
export const INTERNAL_CONTEXT: HealthAccessContext = {
  actor: { kind: 'internal' },
  scopes: [],
  purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
  breakGlass: [],
  requestId: 'internal',
};

export interface ContextResolverDeps {
  db: Connection;
  instance: Pick<Instance, 'healthcare'>;
  /** The health record's exchange client: asks the population register for a patient's children. */
  exchange: Pick<ExchangeClient, 'find'>;
  /** Whether demo role assignments count (outside production). */
  includeDemo: boolean;
  /** The doctors' open break-glass accesses (shared with the routes that open them). */
  grants?: BreakGlassGrants;
  now?: () => Date;
}

/** How long who a token's holder is (their Patient ids, their practitioner record) is remembered. */
const ACTOR_TTL_MS = 60_000;
const ACTOR_CACHE_SIZE = 10_000;

/** Whether a person born on `birthDate` (ISO) is under 18 on `today`. */
export function isMinor(birthDate: string, today: Date): boolean {
  const [year, month, day] = birthDate.split('-').map(Number) as [number, number, number];
  const eighteenth = Date.UTC(year + 18, month - 1, day);
  const todayUtc = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return todayUtc < eighteenth;
}

/** The resolver: the platform's token check, then the actor (remembered per token for a minute). */
export function createContextResolver(deps: ContextResolverDeps): HealthContextResolver {
  const db: Kysely<EhealthTables & AccessTables> = tablesOf<EhealthTables & AccessTables>(deps.db);
  const now = deps.now ?? (() => new Date());
  const grants = deps.grants ?? new BreakGlassGrants(deps.db);
  const actors = new Map<string, { actor: Promise<HealthActor>; until: number }>();
  const actorOf = (key: string, subject: string, roles: readonly string[]): Promise<HealthActor> => {
    // The cache key names the token (a token's roles and subject never change) and the view.
    const cached = actors.get(key);
    if (cached && cached.until > Date.now()) return cached.actor;
    if (actors.size >= ACTOR_CACHE_SIZE) actors.delete(actors.keys().next().value!);
    const actor = findActor(deps, db, subject, roles, now());
    actor.catch(() => actors.delete(key));
    actors.set(key, { actor, until: Date.now() + ACTOR_TTL_MS });
    return actor;
  };
  return async (request, reply, as) => {
    const principal = request.principal ?? (await authenticate(request, reply));
    const actor =
      as === 'patient'
        ? await actorOf(`${principal.tokenId}:patient`, principal.subject, [])
        : await actorOf(principal.tokenId, principal.subject, principal.roles);
    const breakGlass = actor.kind === 'practitioner' ? await grants.of(actor.personalNumber, now()) : [];
    return {
      actor,
      scopes: parseScopes(principal.scopes),
      purpose:
        actor.kind === 'patient'
          ? PURPOSES.patient
          : actor.kind === 'pharmacist'
            ? PURPOSES.pharmacist
            : PURPOSES.practitioner,
      breakGlass,
      requestId: String(request.id),
    };
  };
}

/** The platform's `authenticate` (the token, DPoP proof and all); a failure is a 401 with its challenge. */
async function authenticate(request: FastifyRequest, reply: FastifyReply | undefined) {
  // Without a reply the challenge header has nowhere to go; the 401 itself still does.
  const target = reply ?? ({ header: () => target } as unknown as FastifyReply);
  await request.server.authenticate(request, target);
  if (!request.principal) throw new AppError('token-missing');
  return request.principal;
}

async function findActor(
  deps: ContextResolverDeps,
  db: Kysely<EhealthTables & AccessTables>,
  personalNumber: string,
  roles: readonly string[],
  today: Date,
): Promise<HealthActor> {
  if (roles.includes('doctor')) return practitionerActor(deps, db, personalNumber);
  if (roles.includes('pharmacist')) {
    const role = await staffRole(deps, personalNumber, 'pharmacist');
    const name = (await staffNames(deps.db, [personalNumber])).get(personalNumber)?.name;
    return {
      kind: 'pharmacist',
      personalNumber,
      organisation: role.organisation,
      client: role.client,
      ...(name && { name }),
    };
  }
  return patientActor(deps, db, personalNumber, today);
}

async function staffRole(deps: ContextResolverDeps, personalNumber: string, role: string) {
  const roles = await staffRolesOf(
    deps.db,
    personalNumber,
    deps.includeDemo,
    deps.instance.healthcare.providers,
  );
  const held = roles.find((one) => one.role === role);
  if (!held)
    throw new AppError('health-practitioner-unknown', 'Your role is held at no healthcare provider.');
  return held;
}

async function practitionerActor(
  deps: ContextResolverDeps,
  db: Kysely<EhealthTables & AccessTables>,
  personalNumber: string,
): Promise<HealthActor> {
  const role = await staffRole(deps, personalNumber, 'doctor');
  const practitionerId = await practitionerIdOf(deps.db, personalNumber);
  if (!practitionerId) throw new AppError('health-practitioner-unknown', 'You have no practitioner record.');
  const name = (await staffNames(deps.db, [personalNumber])).get(personalNumber)?.name;
  return {
    ...(name && { name }),
    kind: 'practitioner',
    personalNumber,
    practitionerId,
    organisation: role.organisation,
    client: role.client,
    generalPractitioner: await isGeneralPractitioner(db, practitionerId),
  };
}

/** The codes of a PractitionerRole that make a GP (SNOMED CT general practice and family medicine). */
const GP_CODES = new Set(['394814009', '419772000', '62247001', '446050000', 'general-practice', 'gp']);

/** A GP: a PractitionerRole of theirs says so, or some patient names them as their GP. */
async function isGeneralPractitioner(
  db: Kysely<EhealthTables & AccessTables>,
  practitionerId: string,
): Promise<boolean> {
  const reference = `Practitioner/${practitionerId}`;
  const roles = await db
    .selectFrom('ehealth.resources')
    .select(['id', 'content'])
    .where('resource_type', '=', 'PractitionerRole')
    .where('deleted', '=', false)
    .where(sql<boolean>`(content::jsonb -> 'practitioner') @> ${JSON.stringify({ reference })}::jsonb`)
    .execute();
  for (const role of roles) {
    const content = JSON.parse(role.content) as { code?: unknown; specialty?: unknown };
    const concepts = [content.code, content.specialty].flat() as Array<
      { coding?: Array<{ code?: string }> } | undefined
    >;
    if (concepts.some((concept) => concept?.coding?.some((coding) => GP_CODES.has(coding.code ?? ''))))
      return true;
  }
  const references = [reference, ...roles.map((role) => `PractitionerRole/${role.id}`)];
  const named = await db
    .selectFrom('ehealth.resources')
    .select('id')
    .where('resource_type', '=', 'Patient')
    .where(
      sql<boolean>`(${sql.join(
        references.map(
          (one) =>
            sql`(content::jsonb -> 'generalPractitioner') @> ${JSON.stringify([{ reference: one }])}::jsonb`,
        ),
        sql` OR `,
      )})`,
    )
    .limit(1)
    .executeTakeFirst();
  return named !== undefined;
}

async function patientActor(
  deps: ContextResolverDeps,
  db: Kysely<EhealthTables & AccessTables>,
  personalNumber: string,
  today: Date,
): Promise<HealthActor> {
  const own = await db
    .selectFrom('ehealth.patients')
    .select('patient_id')
    .where('personal_number', '=', personalNumber)
    .executeTakeFirst();
  const children = await deps.exchange.find(
    PERSONS.endpoints.children,
    { egn: personalNumber },
    {
      purpose: 'data-subject-access',
      legalBasis: 'gdpr-art-15',
      dataSubject: personalNumber,
      userId: personalNumber,
    },
  );
  const minors = (children ?? [])
    .filter((child) => !child.deceased && isMinor(child.birthDate, today))
    .map((child) => child.egn);
  const records =
    minors.length === 0
      ? []
      : await db
          .selectFrom('ehealth.patients')
          .select('patient_id')
          .where('personal_number', 'in', minors)
          .execute();
  const patientId = own?.patient_id ?? null;
  return {
    kind: 'patient',
    personalNumber,
    patientId,
    patientIds: [...(patientId ? [patientId] : []), ...records.map((row) => row.patient_id)],
  };
}
