import { describe, expect, it } from 'vitest';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { ClientRequest } from '../context.ts';
import { readRequest } from './read-request.ts';

const SERVICE = 'BG/GOV/831661388/population-register/persons';
const HEADERS = {
  'x-road-client': 'BG/GOV/177547175/civitas-portal',
  'x-road-purpose': 'address-verification',
  'x-road-legal-basis': 'civil-registration-act-art-106',
};

function request(headers: ClientRequest['headers'], changes: Partial<ClientRequest> = {}): ClientRequest {
  return {
    method: 'GET',
    service: SERVICE,
    path: '/',
    query: '',
    headers,
    body: Buffer.alloc(0),
    ...changes,
  };
}

function faultOf(read: () => unknown): string {
  try {
    read();
  } catch (error) {
    if (error instanceof ExchangeFault) return error.type;
    throw error;
  }
  throw new Error('no fault');
}

describe("the consumer node's reading of a client's request", () => {
  it('reads the client subsystem, the service, the purpose, the legal basis and a fresh message id', () => {
    const asked = readRequest(request(HEADERS));
    expect(asked.client).toEqual({
      instance: 'BG',
      memberClass: 'GOV',
      memberCode: '177547175',
      subsystem: 'civitas-portal',
    });
    expect(asked.service.service).toBe('persons');
    expect(asked.purpose).toBe('address-verification');
    expect(asked.legalBasis).toBe('civil-registration-act-art-106');
    expect(asked.messageId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps the client's own message id, trimmed", () => {
    expect(readRequest(request({ ...HEADERS, 'x-road-id': '  query-42 ' })).messageId).toBe('query-42');
  });

  it('refuses in a fixed order: client, path, purpose, legal basis, message id', () => {
    expect(faultOf(() => readRequest(request({}, { service: 'nonsense' })))).toBe('Client.InvalidClientId');
    expect(
      faultOf(() => readRequest(request({ 'x-road-client': HEADERS['x-road-client'] }, { service: 'x' }))),
    ).toBe('Client.BadRequest');
    expect(faultOf(() => readRequest(request({ 'x-road-client': HEADERS['x-road-client'] })))).toBe(
      'Client.MissingPurpose',
    );
    const withPurpose = { 'x-road-client': HEADERS['x-road-client'], 'x-road-purpose': 'p' };
    expect(faultOf(() => readRequest(request(withPurpose)))).toBe('Client.MissingLegalBasis');
    expect(faultOf(() => readRequest(request({ ...HEADERS, 'x-road-id': 'has space' })))).toBe(
      'Client.BadRequest',
    );
  });

  it('takes a client that names a member but no subsystem for no client at all', () => {
    expect(faultOf(() => readRequest(request({ ...HEADERS, 'x-road-client': 'BG/GOV/177547175' })))).toBe(
      'Client.InvalidClientId',
    );
  });

  it('refuses a header with a control character or longer than 512 characters, and a path with one', () => {
    expect(faultOf(() => readRequest(request({ ...HEADERS, 'x-road-purpose': 'a\u0000b' })))).toBe(
      'Client.BadRequest',
    );
    expect(faultOf(() => readRequest(request({ ...HEADERS, 'x-road-purpose': 'p'.repeat(513) })))).toBe(
      'Client.BadRequest',
    );
    expect(readRequest(request({ ...HEADERS, 'x-road-purpose': 'p'.repeat(512) })).purpose).toHaveLength(512);
    expect(faultOf(() => readRequest(request(HEADERS, { path: '/a\nb' })))).toBe('Client.BadRequest');
  });

  it('takes the first of a repeated header, and an empty one for none', () => {
    expect(readRequest(request({ ...HEADERS, 'x-road-purpose': ['first', 'second'] })).purpose).toBe('first');
    expect(faultOf(() => readRequest(request({ ...HEADERS, 'x-road-purpose': '   ' })))).toBe(
      'Client.MissingPurpose',
    );
  });
});
