import { describe, expect, it } from 'vitest';
import type { GlobalConfiguration } from '../../global-conf/types.ts';
import { type RequestEnvelope, sha256 } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import { MESSAGE_MAX_AGE_MS } from '../replay-guard.ts';
import { checkBodyHash, checkFreshness, checkSenderHostsClient } from './verify-request.ts';

const CREATED = Date.parse('2026-12-06T02:00:00.000Z');

function envelope(changes: Partial<RequestEnvelope> = {}): RequestEnvelope {
  return {
    v: 1,
    id: 'm-1',
    client: 'BG/GOV/177547175/civitas-portal',
    service: 'BG/GOV/831661388/population-register/persons',
    method: 'GET',
    path: '/',
    query: '',
    userId: null,
    issue: null,
    representedParty: null,
    purpose: 'p',
    legalBasis: 'b',
    caseRef: null,
    dataSubject: null,
    bodyHash: sha256(Buffer.alloc(0)),
    createdAt: new Date(CREATED).toISOString(),
    ...changes,
  };
}

function faultOf(check: () => void): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof ExchangeFault) return error.type;
    throw error;
  }
}

describe("the provider node's checks of a signed request", () => {
  it('admits a body only with the hash the client signed', () => {
    expect(faultOf(() => checkBodyHash(Buffer.alloc(0), envelope()))).toBeNull();
    expect(faultOf(() => checkBodyHash(Buffer.from('{}'), envelope()))).toBe(
      'Server.ServerProxy.InvalidSignature',
    );
  });

  it('admits a request made at most five minutes before or after its arrival', () => {
    expect(faultOf(() => checkFreshness(envelope(), CREATED + MESSAGE_MAX_AGE_MS))).toBeNull();
    expect(faultOf(() => checkFreshness(envelope(), CREATED - MESSAGE_MAX_AGE_MS))).toBeNull();
    expect(faultOf(() => checkFreshness(envelope(), CREATED + MESSAGE_MAX_AGE_MS + 1))).toBe(
      'Server.ServerProxy.StaleMessage',
    );
    expect(faultOf(() => checkFreshness(envelope(), CREATED - MESSAGE_MAX_AGE_MS - 1))).toBe(
      'Server.ServerProxy.StaleMessage',
    );
    expect(faultOf(() => checkFreshness(envelope({ createdAt: 'yesterday' }), CREATED))).toBe(
      'Server.ServerProxy.StaleMessage',
    );
  });

  it('admits a client only from the node the registry says hosts its member', () => {
    const conf = {
      nodes: [
        { id: 'node-a', address: 'https://a', tlsCertificate: '', members: ['BG/GOV/177547175'] },
        { id: 'node-b', address: 'https://b', tlsCertificate: '', members: ['BG/GOV/831661388'] },
      ],
    } as unknown as GlobalConfiguration;
    expect(faultOf(() => checkSenderHostsClient(conf, 'node-a', 'BG/GOV/177547175'))).toBeNull();
    expect(faultOf(() => checkSenderHostsClient(conf, 'node-b', 'BG/GOV/177547175'))).toBe(
      'Server.ServerProxy.SslAuthenticationFailed',
    );
    expect(faultOf(() => checkSenderHostsClient(conf, 'node-c', 'BG/GOV/177547175'))).toBe(
      'Server.ServerProxy.SslAuthenticationFailed',
    );
  });
});
