import {
  CancelledPrescription,
  DispensePrescription,
  DispenseRecorded,
  FindPrescription,
  IssuedPrescription,
  IssuePrescription,
  PatientPrescriptions,
  PharmacyPrescription,
  PrescriptionNumberText,
} from '@civitas/contracts/api/prescriptions.ts';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../kernel/index.ts';
import type { EhealthParts } from '../parts.ts';
import { storePrescriptionRecords } from './records.ts';
import { PrescriptionService } from './service.ts';

const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String() },
  { additionalProperties: true, description: 'RFC 9457 problem details' },
);
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem };
const NumberParam = Type.Object({ number: PrescriptionNumberText });
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_.:-]+$' }),
  ),
});

const TREATMENT = { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' } as const;
const DISPENSING = { purpose: 'prescription-dispensing', legalBasis: 'gdpr-art-9-2-h' } as const;
const OWN_DATA = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' } as const;
const tags = ['health'];

/**
 * The e-prescription's JSON routes (FHIR has no verb for "find by number and personal number" or
 * "dispense, never twice"): a doctor issues and cancels, a pharmacist finds and dispenses, the
 * patient lists theirs. The personal number travels only in bodies, never in a URL.
 */
export async function prescriptionRoutes(app: FastifyInstance, parts: EhealthParts): Promise<void> {
  const access = { contextOf: parts.contextOf, policy: parts.policy };
  const service = new PrescriptionService({
    parts,
    policy: access.policy,
    records: storePrescriptionRecords(parts),
  });

  app.post(
    '/api/health/prescriptions',
    {
      config: { access: { roles: ['doctor'] }, personalData: TREATMENT },
      schema: {
        tags,
        summary: 'Issue an e-prescription (a MedicationRequest with a prescription number and a QR)',
        body: IssuePrescription,
        response: { 201: IssuedPrescription, ...problems },
      },
    },
    async (request, reply) => {
      const issued = await service.issue(await access.contextOf(request), request.body as IssuePrescription);
      return reply.code(201).send(issued);
    },
  );

  app.post(
    '/api/health/prescriptions/lookup',
    {
      config: { access: { roles: ['pharmacist'] }, personalData: DISPENSING },
      schema: {
        tags,
        summary: "Find a prescription by its number and the patient's personal number",
        body: FindPrescription,
        response: { 200: PharmacyPrescription, ...problems },
      },
    },
    async (request) => {
      const { number, patient } = request.body as FindPrescription;
      return service.find(await access.contextOf(request), number, patient);
    },
  );

  app.post(
    '/api/health/prescriptions/:number/dispenses',
    {
      config: { access: { roles: ['pharmacist'] }, personalData: DISPENSING },
      schema: {
        tags,
        summary: 'Dispense all or part of a prescription (never beyond what was prescribed)',
        params: NumberParam,
        headers: IdempotencyHeaders,
        body: DispensePrescription,
        response: { 200: DispenseRecorded, 201: DispenseRecorded, ...problems },
      },
    },
    async (request, reply) => {
      const { number } = request.params as { number: string };
      const { patient, quantity } = request.body as DispensePrescription;
      const key = request.headers['idempotency-key'];
      const { result, replayed } = await service.dispense(await access.contextOf(request), number, {
        patient,
        quantity,
        ...(typeof key === 'string' && { idempotencyKey: key }),
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(replayed ? 200 : 201).send(result);
    },
  );

  app.post(
    '/api/health/prescriptions/:number/cancel',
    {
      config: { access: { roles: ['doctor'] }, personalData: TREATMENT },
      schema: {
        tags,
        summary: 'Cancel a prescription you issued (before anything is dispensed)',
        params: NumberParam,
        response: { 200: CancelledPrescription, ...problems },
      },
    },
    async (request) => {
      const { number } = request.params as { number: string };
      return service.cancel(await access.contextOf(request), number);
    },
  );

  app.get(
    '/api/health/prescriptions',
    {
      config: { access: 'signed-in', personalData: OWN_DATA },
      schema: {
        tags,
        summary: 'Your prescriptions (and your children’s): number, QR, medicine, status, dispenses',
        response: { 200: PatientPrescriptions, ...problems },
      },
    },
    async (request) => {
      const ctx = await access.contextOf(request);
      if (ctx.actor.kind !== 'patient') throw new AppError('role-forbidden');
      return { prescriptions: await service.mine(ctx) };
    },
  );
}
