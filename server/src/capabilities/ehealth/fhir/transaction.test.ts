import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../kernel/index.ts';
import { MAX_BUNDLE_ENTRIES, rewriteReferences, stepsOf } from './transaction.ts';

const BASE = 'https://health.example/fhir/R4';

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('a Bundle’s entries', () => {
  it('are taken with their method and their URL relative to the base', () => {
    const steps = stepsOf(
      {
        resourceType: 'Bundle',
        type: 'transaction',
        entry: [
          { resource: { resourceType: 'Patient' }, request: { method: 'POST', url: `${BASE}/Patient` } },
          { request: { method: 'GET', url: '/Patient/1' } },
          { request: { method: 'DELETE', url: 'Observation/2' } },
        ],
      },
      'transaction',
      BASE,
    );
    expect(steps.map((step) => [step.index, step.method, step.url])).toEqual([
      [0, 'POST', 'Patient'],
      [1, 'GET', 'Patient/1'],
      [2, 'DELETE', 'Observation/2'],
    ]);
  });

  it('are refused when the Bundle is of another type, too large, or an entry has no request', () => {
    expect(codeOf(() => stepsOf({ resourceType: 'Bundle', type: 'batch' }, 'transaction', BASE))).toBe(
      'fhir-bundle-invalid',
    );
    expect(codeOf(() => stepsOf({ resourceType: 'Patient' }, 'batch', BASE))).toBe('fhir-bundle-invalid');
    const entry = Array.from({ length: MAX_BUNDLE_ENTRIES + 1 }, () => ({
      request: { method: 'GET', url: 'Patient/1' },
    }));
    expect(codeOf(() => stepsOf({ resourceType: 'Bundle', type: 'batch', entry }, 'batch', BASE))).toBe(
      'fhir-bundle-too-large',
    );
    expect(
      codeOf(() =>
        stepsOf(
          { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'PATCH', url: 'x' } }] },
          'batch',
          BASE,
        ),
      ),
    ).toBe('fhir-bundle-invalid');
    expect(
      codeOf(() =>
        stepsOf(
          { resourceType: 'Bundle', type: 'batch', entry: [{ request: { method: 'POST', url: 'Patient' } }] },
          'batch',
          BASE,
        ),
      ),
    ).toBe('fhir-bundle-invalid');
  });

  it('refuse any malformed Bundle with our code, never with a crash', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const code = codeOf(() => stepsOf(value, 'batch', BASE));
        expect(code === undefined || code.startsWith('fhir-bundle-')).toBe(true);
      }),
    );
  });
});

describe('references between the entries of a transaction', () => {
  const map = new Map([['urn:uuid:a', 'Patient/123']]);

  it('are rewritten wherever a `reference` names an entry’s fullUrl, and nothing else changes', () => {
    const observation = {
      resourceType: 'Observation',
      subject: { reference: 'urn:uuid:a' },
      performer: [{ reference: 'Practitioner/9' }, { reference: 'urn:uuid:a', display: 'x' }],
      note: [{ text: 'urn:uuid:a' }],
    };
    expect(rewriteReferences(observation, map)).toEqual({
      resourceType: 'Observation',
      subject: { reference: 'Patient/123' },
      performer: [{ reference: 'Practitioner/9' }, { reference: 'Patient/123', display: 'x' }],
      note: [{ text: 'urn:uuid:a' }],
    });
    expect(observation.subject.reference).toBe('urn:uuid:a');
  });

  it('leave any JSON without such references equal to itself', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(rewriteReferences(value, new Map([['urn:uuid:never-there', 'Patient/1']]))).toEqual(value);
      }),
    );
  });
});
