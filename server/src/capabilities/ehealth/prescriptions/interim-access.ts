import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { principalOf, staffNames, staffRolesOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { HealthContextResolver } from '../access/context.ts';
import type { EhealthParts } from '../parts.ts';
import type { HealthAccessContext, HealthActor, HealthPolicy } from '../ports.ts';

/**
 * INTERIM, until the access part's resolver and policy replace the placeholders (which refuse
 * everyone): who calls, from the access token and the role register, and the few rules the
 * prescriptions ask the policy (a doctor may write a prescription; nothing else is read through
 * it). At merge `routes.ts` takes `parts.contextOf` and `parts.policy` instead and this file goes.
 */
export function interimAccess(parts: EhealthParts): {
  contextOf: HealthContextResolver;
  policy: HealthPolicy;
} {
  const contextOf: HealthContextResolver = async (request) => ({
    actor: await actorOf(parts, request),
    scopes: [],
    purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
    breakGlass: [],
    requestId: request.id,
  });
  const allowed = (ctx: HealthAccessContext) =>
    ctx.actor.kind === 'internal' || ctx.actor.kind === 'practitioner';
  const policy: HealthPolicy = {
    checkScopes: (ctx) => (allowed(ctx) ? { allowed: true } : { allowed: false, reason: 'interim' }),
    canRead: async () => false,
    filterReadable: async () => [],
    visibleWhere: async () => false,
    canWrite: async (ctx) => allowed(ctx),
  };
  return { contextOf, policy };
}

async function actorOf(parts: EhealthParts, request: FastifyRequest): Promise<HealthActor> {
  const { subject, roles } = principalOf(request);
  const staff = await staffRolesOf(parts.db, subject, parts.config.demo, parts.instance.healthcare.providers);
  const pharmacist = staff.find((role) => role.role === 'pharmacist');
  const doctor = staff.find((role) => role.role === 'doctor');
  const route = request.routeOptions.config.access;
  const wants = (role: string) =>
    typeof route === 'object' && (route.roles as readonly string[]).includes(role);
  if (wants('pharmacist') && pharmacist && roles.includes('pharmacist'))
    return {
      kind: 'pharmacist',
      personalNumber: subject,
      organisation: pharmacist.organisation,
      client: pharmacist.client,
    };
  if (wants('doctor') && doctor && roles.includes('doctor'))
    return {
      kind: 'practitioner',
      personalNumber: subject,
      practitionerId: await practitionerOf(parts, subject),
      organisation: doctor.organisation,
      client: doctor.client,
      // Not asked by the prescriptions; the access part decides it from the PractitionerRole.
      generalPractitioner: false,
    };
  const link = await parts.store.db
    .selectFrom('ehealth.patients')
    .select('patient_id')
    .where('personal_number', '=', subject)
    .executeTakeFirst();
  if (wants('pharmacist') || wants('doctor')) throw new AppError('role-forbidden');
  return {
    kind: 'patient',
    personalNumber: subject,
    patientId: link?.patient_id ?? null,
    patientIds: link ? [link.patient_id] : [],
  };
}

const PERSONAL_NUMBER_SYSTEM = 'https://civitas.example/fhir/sid/personal-number';

/** The doctor's Practitioner (made when the record has none yet: the synthetic data brings them at merge). */
async function practitionerOf(parts: EhealthParts, personalNumber: string): Promise<string> {
  const found = await parts.store.db
    .selectFrom('ehealth.resources')
    .select('id')
    .where('resource_type', '=', 'Practitioner')
    .where('content', 'like', sql<string>`${`%"value":"${personalNumber}"%`}`)
    .executeTakeFirst();
  if (found) return found.id;
  const name = (await staffNames(parts.db, [personalNumber])).get(personalNumber)?.name ?? '';
  const [given, ...family] = name.split(' ');
  const id = randomUUID();
  await parts.store.importResources([
    {
      resourceType: 'Practitioner',
      id,
      identifier: [{ system: PERSONAL_NUMBER_SYSTEM, value: personalNumber }],
      name: [{ given: given ? [given] : [], family: family.join(' ') || undefined, text: name }],
    },
  ]);
  return id;
}
