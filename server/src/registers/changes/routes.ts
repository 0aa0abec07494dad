import {
  DeathRequest,
  NewOwnerRequest,
  RegisterChangeResult,
} from '@civitas/contracts/api/register-changes.ts';
import { dayFromIso } from '@civitas/contracts/days.ts';
import { checkVin } from '@civitas/contracts/ids/vin.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Connection } from '../../db/index.ts';
import { principalOf } from '../../identity/index.ts';
import { AppError } from '../../kernel/index.ts';
import { registerChangeService } from './service.ts';

export interface RegisterChangeRoutesOptions {
  db: Connection;
}

const ProblemRef = Type.Object({}, { additionalProperties: true, description: 'RFC 9457 problem details' });
const problems = { 400: ProblemRef, 401: ProblemRef, 403: ProblemRef, 404: ProblemRef, 409: ProblemRef };
const response = { 200: RegisterChangeResult, ...problems };
const security = [{ eid: [] }];

const LICENCE_SUSPENSION = { purpose: 'licence-suspension', legalBasis: 'road-traffic-act-art-171' } as const;
const DEATH_REGISTRATION = {
  purpose: 'death-registration',
  legalBasis: 'civil-registration-act-death',
} as const;
const VEHICLE_REGISTRATION = {
  purpose: 'vehicle-registration',
  legalBasis: 'road-traffic-act-art-140',
} as const;

const LicenceParams = Type.Object({ number: Type.String({ pattern: '^[0-9A-Z]{5,16}$' }) });
const PersonParams = Type.Object({ personalNumber: Type.String({ pattern: '^[0-9]{10,11}$' }) });
const VinParams = Type.Object({ vin: Type.String({ minLength: 17, maxLength: 17 }) });

/** A real calendar date (the schema checks only the shape). */
function checkedDate(iso: string, code: 'death-date-invalid' | 'event-date-invalid'): string {
  try {
    dayFromIso(iso);
  } catch {
    throw new AppError(code, 'Not a calendar date.');
  }
  return iso;
}

/** Who made a change, for the server's log (the outbox records what changed, not who). */
function logChange(request: FastifyRequest, change: RegisterChangeResult): RegisterChangeResult {
  request.log.info(
    {
      event: 'register.change',
      kind: change.kind,
      register: change.register,
      changeId: change.changeId,
      by: principalOf(request).subject,
    },
    'register changed',
  );
  return change;
}

/** The register changes staff make, each recorded in the change outbox. */
async function registerChangeRoutes(
  app: FastifyInstance,
  options: RegisterChangeRoutesOptions,
): Promise<void> {
  const changes = registerChangeService(options.db);
  const licence = (summary: string) => ({
    config: { access: { roles: ['police'] as ['police'] }, personalData: LICENCE_SUSPENSION },
    schema: { tags: ['registers'], summary, security, params: LicenceParams, response },
  });

  app.post(
    '/api/registers/driving-licences/:number/suspension',
    licence('The police suspend a valid driving licence'),
    async (request) =>
      logChange(request, await changes.suspendLicence((request.params as { number: string }).number)),
  );

  app.delete(
    '/api/registers/driving-licences/:number/suspension',
    licence('The police restore a suspended driving licence'),
    async (request) =>
      logChange(request, await changes.restoreLicence((request.params as { number: string }).number)),
  );

  app.post(
    '/api/registers/persons/:personalNumber/death',
    {
      config: { access: { roles: ['official'] }, personalData: DEATH_REGISTRATION },
      schema: {
        tags: ['registers'],
        summary: "An official records a person's death in the population register",
        security,
        params: PersonParams,
        body: DeathRequest,
        response,
      },
    },
    async (request) => {
      const { personalNumber } = request.params as { personalNumber: string };
      const problem = app.instance.personalNumbers.check(personalNumber);
      if (problem)
        throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
      const { deathDate } = request.body as DeathRequest;
      return logChange(
        request,
        await changes.recordDeath(personalNumber, checkedDate(deathDate, 'death-date-invalid')),
      );
    },
  );

  app.post(
    '/api/registers/vehicles/:vin/owner',
    {
      config: { access: { roles: ['official'] }, personalData: VEHICLE_REGISTRATION },
      schema: {
        tags: ['registers'],
        summary: 'An official registers a vehicle to its new owner (a change of owner)',
        security,
        params: VinParams,
        body: NewOwnerRequest,
        response,
      },
    },
    async (request) => {
      const vin = (request.params as { vin: string }).vin.toUpperCase();
      const vinProblem = checkVin(vin);
      if (vinProblem) throw new AppError('invalid-vin', `The VIN is not valid (${vinProblem}).`);
      const { ownerId, eventDate } = request.body as NewOwnerRequest;
      const problem = app.instance.personalNumbers.check(ownerId);
      if (problem)
        throw new AppError('invalid-personal-number', `The new owner's number is not valid (${problem}).`);
      const date = checkedDate(eventDate, 'event-date-invalid');
      return logChange(request, await changes.registerNewOwner(vin, ownerId, date));
    },
  );
}

/** The registers' change services, as one encapsulated plugin. */
export const registerChangesPlugin = fp(registerChangeRoutes, {
  name: 'register-changes',
  dependencies: ['route-access'],
  encapsulate: true,
});
