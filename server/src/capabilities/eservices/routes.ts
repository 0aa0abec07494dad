import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import type { ExchangeClient } from '../../exchange/client.ts';
import { principalOf } from '../../identity/auth.ts';
import { PARKING_PERMIT_ACCESS } from './policy.ts';
import { ParkingPermitService } from './service.ts';

/** Text in each language the app speaks (Polish where this service has it: purposes are being coded). */
const Localised = Type.Object({ bg: Type.String(), en: Type.String(), pl: Type.Optional(Type.String()) });
const PrefillResponse = Type.Object({
  service: Type.Object({ code: Type.String(), title: Localised }),
  /** Decided from the registers before the form is shown: who may not apply is told why. */
  eligibility: Type.Object({
    status: Type.Union([Type.Literal('eligible'), Type.Literal('not-eligible'), Type.Literal('unknown')]),
    reasons: Type.Array(Type.Union([Type.Literal('lives-elsewhere'), Type.Literal('no-vehicle')])),
    /** The municipality that issues the permit. */
    municipality: Localised,
  }),
  /** Every vehicle the permit can be for (the form offers a choice); the fields name the first. */
  vehicles: Type.Array(
    Type.Object({
      vin: Type.String(),
      plate: Type.String(),
      make: Type.String(),
      model: Type.String(),
      /** Whether every vehicle-tax assessment is paid; null when the tax register did not answer. */
      taxPaid: Type.Union([Type.Boolean(), Type.Null()]),
    }),
  ),
  purpose: Localised,
  legalBasis: Localised,
  requestId: Type.String(),
  fields: Type.Array(Type.Object({ name: Type.String(), value: Type.String(), source: Type.String() })),
  sources: Type.Array(
    Type.Object({
      key: Type.String(),
      service: Type.String(),
      name: Localised,
      status: Type.Union([Type.Literal('ok'), Type.Literal('timeout'), Type.Literal('failed')]),
      durationMs: Type.Number(),
      fetchedAt: Type.String(),
      error: Type.Optional(Type.String()),
    }),
  ),
});

export interface ParkingPermitOptions {
  exchange: ExchangeClient;
}

const PrefillSchema = {
  tags: ['e-services'],
  summary: 'The parking-permit application, prefilled from the registers (once-only)',
  security: [{ eid: [] }],
  response: { 200: PrefillResponse },
};

/** The e-services: the resident parking permit's application, prefilled from the registers. */
export async function parkingPermitRoutes(
  app: FastifyInstance,
  options: ParkingPermitOptions,
): Promise<void> {
  const permits = new ParkingPermitService(options.exchange);

  app.get(
    '/api/eservices/parking-permit/prefill',
    {
      config: { access: 'signed-in', personalData: PARKING_PERMIT_ACCESS },
      schema: PrefillSchema,
    },
    async (request) => permits.prefill(principalOf(request), request.log),
  );
}
