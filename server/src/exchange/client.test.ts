import { PERSONS, type Person } from '@civitas/contracts/registers/population.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import { describe, expect, it } from 'vitest';
import { serviceId, TEST_INSTANCE } from '../../test/instance.ts';
import { AppError } from '../kernel/errors.ts';
import { ExchangeClient, failureOf } from './client.ts';
import type { LocalExchange } from './local-node.ts';

const EGN = '8503146922';
const context = { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15', dataSubject: EGN };
const person: Person = {
  egn: EGN,
  givenName: 'Иван',
  fatherName: 'Петров',
  familyName: 'Иванов',
  givenNameLatin: 'Ivan',
  fatherNameLatin: 'Petrov',
  familyNameLatin: 'Ivanov',
  sex: 'M',
  birthDate: '1985-03-14',
  birthPlaceEkatte: '68134',
  birthPlaceName: 'София',
  motherEgn: null,
  fatherEgn: null,
  deceased: false,
  deathDate: null,
  citizenship: 'BGR',
};

interface Sent {
  service: string;
  path: string;
  headers: Record<string, string>;
}

/** A client over an exchange that answers every message with this status, body and fault. */
function clientAnswering(status: number, body: unknown, fault?: string) {
  const sent: Sent[] = [];
  const exchange = {
    catalogue: TEST_INSTANCE.catalogue,
    async consume(message: Sent) {
      sent.push(message);
      return {
        status,
        headers: { 'x-road-id': 'msg-1', ...(fault ? { 'x-road-error': fault } : {}) },
        body: Buffer.from(JSON.stringify(body)),
      };
    },
  } as unknown as LocalExchange;
  return { client: new ExchangeClient(exchange, 'BG/GOV/177547175/civitas-portal'), sent };
}

describe('the typed exchange client', () => {
  it("calls the contract's endpoint with its path filled in and hands back the typed body", async () => {
    const { client, sent } = clientAnswering(200, person);
    const body = await client.call(PERSONS.endpoints.person, { egn: EGN }, context);
    expect(body.givenNameLatin).toBe('Ivan');
    expect(sent[0]).toMatchObject({
      service: serviceId('population-register', 'persons'),
      path: `/${EGN}`,
      headers: { 'x-road-purpose': 'data-subject-access', 'x-road-data-subject': EGN },
    });
  });

  it('encodes a path parameter (a plate with spaces and Cyrillic letters)', async () => {
    const { client, sent } = clientAnswering(404, { code: 'not-found' });
    expect(await client.find(VEHICLES.endpoints.byPlate, { plate: 'СА 1234 ВХ' }, context)).toBeNull();
    expect(sent[0]!.path).toBe(`/by-plate/${encodeURIComponent('СА 1234 ВХ')}`);
  });

  it('refuses a 200 body that breaks the contract, as the provider would: InvalidServiceResponse', async () => {
    const { client } = clientAnswering(200, { ...person, given_name: 'Иван' });
    const answer = await client.ask(PERSONS.endpoints.person, { egn: EGN }, context);
    expect(answer.ok).toBe(false);
    expect(answer.failure).toMatchObject({
      kind: 'invalid-answer',
      fault: 'Server.ServerProxy.InvalidServiceResponse',
    });
    await expect(client.call(PERSONS.endpoints.person, { egn: EGN }, context)).rejects.toMatchObject({
      code: 'register-unavailable',
    });
  });

  it('checks a raw GET of a declared service too', async () => {
    const { client } = clientAnswering(200, [{ vin: 1 }]);
    const answer = await client.get(serviceId('inspections', 'inspections'), '/by-vin/X', context);
    expect(answer).toMatchObject({ status: 502, fault: 'Server.ServerProxy.InvalidServiceResponse' });
  });

  it.each([
    [404, null, undefined, 'not-found'],
    [400, { code: 'invalid-personal-number' }, undefined, 'refused'],
    [403, { message: 'not granted' }, 'Server.ServerProxy.PurposeNotAllowed', 'not-allowed'],
    [403, { message: 'not granted' }, 'Server.ServerProxy.LegalBasisNotAllowed', 'not-allowed'],
    [403, { message: 'no right' }, 'Server.ServerProxy.AccessDenied', 'not-allowed'],
    [504, { message: 'slow' }, 'Server.ServerProxy.ServiceTimeout', 'timeout'],
    [504, { message: 'slow' }, 'Server.ClientProxy.Timeout', 'timeout'],
    [502, { message: 'bad' }, 'Server.ServerProxy.InvalidServiceResponse', 'invalid-answer'],
    [404, { message: 'gone' }, 'Server.ClientProxy.UnknownService', 'unavailable'],
    [502, { message: 'down' }, 'Server.ServerProxy.ServiceFailed', 'unavailable'],
    [500, null, undefined, 'unavailable'],
  ])('reads status %i with fault %s as %s', (status, body, fault, kind) => {
    const failure = failureOf({ status, body, fault: fault ?? null, messageId: 'm', durationMs: 1 });
    expect(failure.kind).toBe(kind);
  });

  it('throws the problem a failure is: a refused purpose, a missing person, a register that did not answer', async () => {
    const refused = clientAnswering(403, { message: 'not granted' }, 'Server.ServerProxy.PurposeNotAllowed');
    await expect(refused.client.call(PERSONS.endpoints.person, { egn: EGN }, context)).rejects.toMatchObject({
      code: 'purpose-not-allowed',
      message: 'not granted',
    });
    const missing = clientAnswering(404, { code: 'not-found' });
    const error = await missing.client
      .call(PERSONS.endpoints.person, { egn: EGN }, context, 'person-not-found')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'person-not-found' });
    const down = clientAnswering(502, { message: 'down' }, 'Server.ServerProxy.ServiceFailed');
    await expect(down.client.find(PERSONS.endpoints.person, { egn: EGN }, context)).rejects.toMatchObject({
      code: 'register-unavailable',
    });
  });
});
