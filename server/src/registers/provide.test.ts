import { INSPECTIONS, type Inspection } from '@civitas/contracts/registers/inspections.ts';
import { PERSONS } from '@civitas/contracts/registers/population.ts';
import { describe, expect, it } from 'vitest';
import { bareRequest as request } from '../../test/service-request.ts';
import { ExchangeFault } from '../exchange/protocol/errors.ts';
import { openApiOf } from '../exchange/service-definition.ts';
import { ContractViolation, Missing, provide } from './provide.ts';

const VIN = 'WVWZZZ1KZ6W000001';
const inspection: Inspection = {
  vin: VIN,
  seq: 1,
  inspectedOn: '2024-05-02',
  stationCode: 'ST-0001',
  stationName: 'Sofia 1',
  result: 'passed',
  odometerKm: 120_000,
  nextDue: '2025-05-02',
  protocolNumber: 'P-1',
};

function inspectionsAnswering(rows: unknown[], reported: unknown[] = []) {
  const definition = provide(
    INSPECTIONS,
    { byVin: async () => rows as Inspection[] },
    { report: (error) => reported.push(error) },
  );
  return definition.endpoints[0]!;
}

describe('a register service put on the exchange under its contract', () => {
  it('declares the service and its endpoints from the contract', () => {
    const definition = provide(
      PERSONS,
      {
        person: async () => new Missing('none'),
        addresses: async () => [],
        children: async () => [],
        'change-current-address': async () => new Missing('none'),
      },
      { report: () => {} },
    );
    expect(definition).toMatchObject({ subsystem: 'population-register', code: 'persons' });
    expect(
      definition.endpoints.map((endpoint) => [endpoint.method, endpoint.path, endpoint.personalData]),
    ).toEqual([
      ['GET', '/{egn}', true],
      ['GET', '/{egn}/addresses', true],
      ['GET', '/{egn}/children', true],
      ['POST', '/change-current-address', true],
    ]);
  });

  it("publishes a write service's request body in the service's OpenAPI description", () => {
    const definition = provide(
      PERSONS,
      {
        person: async () => new Missing('none'),
        addresses: async () => [],
        children: async () => [],
        'change-current-address': async () => new Missing('none'),
      },
      { report: () => {} },
    );
    const openapi = openApiOf(definition, 'BG/GOV/831661388/population-register/persons') as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const body =
      openapi.paths['/change-current-address']!.post.requestBody.content['application/json']!.schema;
    expect(body).toBe(PERSONS.endpoints['change-current-address'].body);
  });

  it("publishes the contract's answer schema in the service's OpenAPI description", () => {
    const definition = provide(INSPECTIONS, { byVin: async () => [] }, { report: () => {} });
    const openapi = openApiOf(definition, 'BG/GOV/130160378/inspections/inspections') as {
      paths: Record<
        string,
        { get: { responses: { 200: { content: Record<string, { schema: unknown }> } } } }
      >;
    };
    const schema = openapi.paths['/by-vin/{vin}']!.get.responses[200].content['application/json']!.schema;
    expect(schema).toMatchObject({
      type: 'array',
      items: { properties: { odometerKm: { type: 'integer' } } },
    });
  });

  it('answers a body that matches the contract, with the VIN normalised before the query sees it', async () => {
    let asked = '';
    const definition = provide(
      INSPECTIONS,
      {
        byVin: async ({ vin }) => {
          asked = vin;
          return [inspection];
        },
      },
      { report: () => {} },
    );
    const answer = await definition.endpoints[0]!.handle({ vin: VIN.toLowerCase() }, request);
    expect(answer).toEqual({ status: 200, body: [inspection] });
    expect(asked).toBe(VIN);
  });

  it("answers a malformed key with the register's own 400 and its stable code, without asking the query", async () => {
    const answer = await inspectionsAnswering([]).handle({ vin: 'not-a-vin' }, request);
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'invalid-vin' });
    const person = provide(
      PERSONS,
      {
        person: async () => new Missing('none'),
        addresses: async () => [],
        children: async () => [],
        'change-current-address': async () => new Missing('none'),
      },
      { report: () => {} },
    ).endpoints[0]!;
    expect((await person.handle({ egn: '1234567890' }, request)).body).toMatchObject({
      code: 'invalid-personal-number',
    });
  });

  it('answers Missing as a 404 with its words', async () => {
    const person = provide(
      PERSONS,
      {
        person: async () => new Missing('No such person.'),
        addresses: async () => [],
        children: async () => [],
        'change-current-address': async () => new Missing('none'),
      },
      { report: () => {} },
    ).endpoints[0]!;
    const answer = await person.handle({ egn: '8503146922' }, request);
    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'not-found', detail: 'No such person.' });
  });

  it.each([
    [
      'a raw database row (snake_case columns)',
      { ...inspection, odometerKm: undefined, odometer_km: 120_000 },
    ],
    ['an extra column the contract does not name', { ...inspection, inspector_egn: '8503146922' }],
    ['a field of the wrong type', { ...inspection, odometerKm: '120000' }],
    ['a code outside its list', { ...inspection, result: 'maybe' }],
  ])('refuses to send %s: InvalidServiceResponse, reported', async (_name, row) => {
    const reported: unknown[] = [];
    const endpoint = inspectionsAnswering([JSON.parse(JSON.stringify(row))], reported);
    const failure = await endpoint.handle({ vin: VIN }, request).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExchangeFault);
    expect((failure as ExchangeFault).type).toBe('Server.ServerProxy.InvalidServiceResponse');
    expect(reported).toHaveLength(1);
    expect(reported[0]).toBeInstanceOf(ContractViolation);
    expect(String(reported[0])).toContain('inspections/inspections /by-vin/{vin}');
  });
});
