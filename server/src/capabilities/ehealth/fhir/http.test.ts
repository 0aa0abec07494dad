import fc from 'fast-check';
import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../kernel/index.ts';
import { negotiate, preferredReturn } from './http.ts';
import { methodsAt } from './routes.ts';
import { versionOfETag } from './service.ts';

const request = (headers: Record<string, string>, query: Record<string, string> = {}) =>
  ({ headers, query }) as unknown as FastifyRequest;

describe('content negotiation', () => {
  it('answers FHIR JSON to JSON, FHIR JSON, wildcards and no Accept at all', () => {
    for (const accept of [
      'application/fhir+json',
      'application/json',
      '*/*',
      'application/*',
      'text/html, */*;q=0.1',
    ])
      expect(negotiate(request({ accept }))).toBe('application/fhir+json');
    expect(negotiate(request({}))).toBe('application/fhir+json');
    expect(negotiate(request({}, { _format: 'json' }))).toBe('application/fhir+json');
  });

  it('refuses XML and anything else with 406, and offers an operation’s PDF only when asked', () => {
    for (const accept of ['application/fhir+xml', 'text/html', 'application/json;q=0']) {
      const refused = (() => {
        try {
          negotiate(request({ accept }));
        } catch (error) {
          return (error as AppError).code;
        }
      })();
      expect(refused).toBe('not-acceptable');
    }
    expect(negotiate(request({ accept: 'application/pdf' }), ['application/pdf'])).toBe('application/pdf');
  });

  it('reads Prefer: return=', () => {
    expect(preferredReturn(request({ prefer: 'return=minimal' }))).toBe('minimal');
    expect(preferredReturn(request({ prefer: 'return=OperationOutcome' }))).toBe('OperationOutcome');
    expect(preferredReturn(request({}))).toBe('representation');
  });
});

describe('ETags', () => {
  it('name a version as W/"n", "n" or n', () => {
    expect(versionOfETag('W/"3"')).toBe(3);
    expect(versionOfETag('"12"')).toBe(12);
    expect(versionOfETag(4)).toBe(4);
  });

  it('refuse anything else with 412, whatever is sent', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        try {
          expect(versionOfETag(value)).toBeGreaterThan(0);
        } catch (error) {
          expect((error as AppError).code).toBe('fhir-precondition-failed');
        }
      }),
    );
  });
});

describe('the methods of a path (405 Allow)', () => {
  it('follow the shapes of the routes', () => {
    expect(methodsAt('/fhir/R4')).toEqual(['POST']);
    expect(methodsAt('/fhir/R4/Patient?x=1')).toEqual(['GET', 'POST']);
    expect(methodsAt('/fhir/R4/Patient/1')).toEqual(['GET', 'POST', 'PUT', 'DELETE']);
    expect(methodsAt('/fhir/R4/Patient/1/_history/2')).toEqual(['GET']);
    expect(methodsAt('/fhir/R4/Patient/1/2/3/4')).toEqual([]);
  });
});
