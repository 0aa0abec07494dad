import {
  AccessRestriction,
  BreakGlassGrant,
  BreakGlassRequest,
  HealthNotice,
  HealthPatient,
  NewRestriction,
  PractitionerMe,
} from '@civitas/contracts/api/health-access.ts';
import type { Patient } from '@medplum/fhirtypes';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { staffNames } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import { BreakGlassAccess, checkedReason } from './break-glass.ts';
import { PURPOSES } from './context.ts';
import { nameOf, Restrictions } from './restrictions.ts';
import { smartConfiguration } from './smart-configuration.ts';

const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String(),
    detail: Type.Optional(Type.String()),
  },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const tags = ['health'];
const security = [{ eid: [] }];
const citizen = { roles: ['citizen'] as const };
const doctor = { roles: ['doctor'] as const };

/** SMART configuration, whose records a person opens, break-glass, notices, the patient's restrictions. */
export async function accessRoutes(app: FastifyInstance, parts: EhealthParts): Promise<void> {
  const breakGlass = new BreakGlassAccess(parts.db, parts.recorder, parts.breakGlassGrants);
  whoRoutes(app, parts);
  breakGlassRoutes(app, parts, breakGlass);
  restrictionRoutes(app, parts, new Restrictions(parts.db, parts.store, parts.index));
}

/** The SMART configuration, the records a citizen opens, the doctor's own standing. */
function whoRoutes(app: FastifyInstance, parts: EhealthParts): void {
  const configuration = smartConfiguration(parts.config.publicUrl);

  app.get(
    '/fhir/R4/.well-known/smart-configuration',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'SMART App Launch 2.0 configuration of the FHIR API',
        response: { 200: Type.Record(Type.String(), Type.Unknown()) },
      },
    },
    async (_request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(configuration),
  );

  app.get(
    '/api/health/patients',
    {
      config: { access: citizen, personalData: PURPOSES.patient },
      schema: {
        tags,
        security,
        summary: "The health records the signed-in person may open: their own and their minor children's",
        response: { 200: Type.Array(HealthPatient), ...problems },
      },
    },
    async (request, reply) => {
      const ctx = await parts.contextOf(request, reply, 'patient');
      if (ctx.actor.kind !== 'patient') throw new AppError('role-forbidden');
      const { patientId: own, patientIds } = ctx.actor;
      const patients = await Promise.all(patientIds.map((id) => parts.store.read('Patient', id)));
      return patients.flatMap((stored) => {
        if (!stored || stored.deleted) return [];
        const patient = JSON.parse(stored.content) as Patient;
        return [
          {
            patientId: stored.id,
            name: nameOf(patient.name) ?? '',
            birthDate: patient.birthDate ?? null,
            self: stored.id === own,
          },
        ];
      });
    },
  );

  app.get(
    '/api/health/me',
    {
      config: { access: doctor },
      schema: {
        tags,
        security,
        summary: 'The signed-in doctor as the health record knows them, with their open emergency accesses',
        response: { 200: PractitionerMe, ...problems },
      },
    },
    async (request, reply) => {
      const ctx = await parts.contextOf(request, reply);
      if (ctx.actor.kind !== 'practitioner') throw new AppError('health-practitioner-unknown');
      return {
        practitionerId: ctx.actor.practitionerId,
        organisation: ctx.actor.organisation,
        generalPractitioner: ctx.actor.generalPractitioner,
        breakGlass: ctx.breakGlass.map((grant) => ({
          id: grant.id,
          patientId: grant.patientId,
          reason: grant.reason,
          expiresAt: grant.expiresAt.toISOString(),
        })),
      };
    },
  );
}

/** Break-glass and the notices the patient is given. */
function breakGlassRoutes(app: FastifyInstance, parts: EhealthParts, breakGlass: BreakGlassAccess): void {
  app.post(
    '/api/health/break-glass',
    {
      config: { access: doctor, personalData: PURPOSES.emergency },
      schema: {
        tags,
        security,
        summary:
          "A doctor's emergency access to a patient not in their care: an hour, with a reason, told to the patient",
        body: BreakGlassRequest,
        response: { 201: BreakGlassGrant, ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body as BreakGlassRequest;
      const reason = checkedReason(body.reason);
      const personalNumber = body.personalNumber.trim();
      const problem = app.instance.personalNumbers.check(personalNumber);
      if (problem)
        throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
      const ctx = await parts.contextOf(request, reply);
      if (ctx.actor.kind !== 'practitioner') throw new AppError('health-practitioner-unknown');
      const names = await staffNames(parts.db, [ctx.actor.personalNumber]);
      const grant = await breakGlass.open(
        ctx,
        ctx.actor,
        names.get(ctx.actor.personalNumber)?.name ?? null,
        personalNumber,
        reason,
      );
      request.log.warn({ event: 'ehealth.break-glass', grant: grant.id }, 'emergency access opened');
      return reply.code(201).send(grant);
    },
  );

  app.get(
    '/api/health/notices',
    {
      config: { access: citizen, personalData: PURPOSES.patient },
      schema: {
        tags,
        security,
        summary: "What the patient is told: emergency accesses to their record and their children's",
        response: { 200: Type.Array(HealthNotice), ...problems },
      },
    },
    async (request, reply) => {
      const ctx = await parts.contextOf(request, reply, 'patient');
      return ctx.actor.kind === 'patient' ? breakGlass.notices(ctx.actor.patientIds) : [];
    },
  );
}

/** The patient's EHDS Art. 8 restrictions. */
function restrictionRoutes(app: FastifyInstance, parts: EhealthParts, restrictions: Restrictions): void {
  app.get(
    '/api/health/restrictions',
    {
      config: { access: citizen, personalData: PURPOSES.patient },
      schema: {
        tags,
        security,
        summary: "The patient's access restrictions (EHDS Art. 8), their own record's and their children's",
        response: { 200: Type.Array(AccessRestriction), ...problems },
      },
    },
    async (request, reply) => {
      const ctx = await parts.contextOf(request, reply, 'patient');
      return ctx.actor.kind === 'patient' ? restrictions.list(ctx.actor.patientIds) : [];
    },
  );

  app.post(
    '/api/health/restrictions',
    {
      config: { access: citizen, personalData: PURPOSES.patient },
      schema: {
        tags,
        security,
        summary:
          'Hide a resource or a category of the record from a doctor, or from all but the GP (EHDS Art. 8)',
        body: NewRestriction,
        response: { 201: AccessRestriction, ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body as NewRestriction;
      const ctx = await parts.contextOf(request, reply, 'patient');
      if (ctx.actor.kind !== 'patient') throw new AppError('role-forbidden');
      const patientId = body.patientId ?? ctx.actor.patientId;
      if (!patientId || !ctx.actor.patientIds.includes(patientId))
        throw new AppError('health-record-not-found');
      return reply.code(201).send(await restrictions.add(patientId, body));
    },
  );

  app.delete(
    '/api/health/restrictions/:id',
    {
      config: { access: citizen, personalData: PURPOSES.patient },
      schema: {
        tags,
        security,
        summary: 'Remove an access restriction (its Consent becomes inactive)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 204: Type.Null(), ...problems },
      },
    },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const ctx = await parts.contextOf(request, reply, 'patient');
      await restrictions.remove(ctx.actor.kind === 'patient' ? ctx.actor.patientIds : [], id);
      return reply.code(204).send();
    },
  );
}
