import { describe, expect, it } from 'vitest';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeReply } from '../context.ts';
import { providerFault } from './check-answer.ts';

function reply(headers: Record<string, string>): NodeReply {
  return { status: 403, headers, body: Buffer.from('{}') };
}

describe("the consumer node's reading of the provider's answer", () => {
  it('passes on a fault the X-Road protocol knows', () => {
    expect(providerFault(reply({ 'x-road-error': 'Server.ServerProxy.AccessDenied' }))).toBe(
      'Server.ServerProxy.AccessDenied',
    );
  });

  it('finds no fault in an answer without X-Road-Error', () => {
    expect(providerFault(reply({ 'content-type': 'application/json' }))).toBeNull();
  });

  it("turns a fault it does not know into its own network fault, never the provider's words", () => {
    let caught: unknown;
    try {
      providerFault(reply({ 'x-road-error': 'Server.Made.Up' }));
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ExchangeFault);
    expect((caught as ExchangeFault).type).toBe('Server.ClientProxy.NetworkError');
  });
});
