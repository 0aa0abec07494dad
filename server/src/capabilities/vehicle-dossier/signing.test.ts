import { ReportBody, type SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { Value } from '@sinclair/typebox/value';
import fc from 'fast-check';
import { CompactSign, calculateJwkThumbprint, decodeProtectedHeader } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  canonicalReportJson,
  generateReportKey,
  isReference,
  newReference,
  normaliseReference,
  REPORT_JWS_TYPE,
  type ReportKey,
  signReport,
  verifyReport,
} from './signing.ts';
import { ownerSections, SAMPLE_REFERENCE, sampleReportBody } from './test-fixtures.ts';

type Key = Awaited<ReturnType<typeof generateReportKey>>;
let key: Key;
let otherKey: Key;
const keysOf =
  (...known: Key[]) =>
  async (kid: string): Promise<ReportKey | null> =>
    known.find((candidate) => candidate.kid === kid)?.publicJwk ?? null;

beforeAll(async () => {
  [key, otherKey] = await Promise.all([generateReportKey(), generateReportKey()]);
});

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const symbolsOf = (reference: string) => reference.replaceAll('-', '').slice(2);
const referenceOf = (symbols: string) =>
  `VR-${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8)}`;

describe('report references', () => {
  it('are fresh, match the schema pattern and pass their own check', () => {
    const references = Array.from({ length: 2000 }, newReference);
    expect(new Set(references).size).toBe(references.length);
    for (const reference of references) {
      expect(Value.Check(ReportBody.properties.reference, reference)).toBe(true);
      expect(isReference(reference)).toBe(true);
    }
  });

  it('fail the check when any one symbol is changed', () => {
    const edit = fc.record({
      position: fc.integer({ min: 0, max: 11 }),
      symbol: fc.constantFrom(...CROCKFORD),
    });
    fc.assert(
      fc.property(edit, ({ position, symbol }) => {
        const symbols = symbolsOf(newReference());
        fc.pre(symbols[position] !== symbol);
        const changed = symbols.slice(0, position) + symbol + symbols.slice(position + 1);
        expect(isReference(referenceOf(changed))).toBe(false);
      }),
    );
  });

  it('fail the check when two neighbouring symbols are swapped', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 }), (position) => {
        const symbols = symbolsOf(newReference());
        fc.pre(symbols[position] !== symbols[position + 1]);
        const swapped =
          symbols.slice(0, position) +
          symbols[position + 1] +
          symbols[position] +
          symbols.slice(position + 2);
        expect(isReference(referenceOf(swapped))).toBe(false);
      }),
    );
  });

  it('are refused when not a string or not in the format', () => {
    for (const value of [
      undefined,
      null,
      42,
      {},
      SAMPLE_REFERENCE.toLowerCase(),
      `${SAMPLE_REFERENCE}0`,
      'VR-0000-0000-000U',
    ]) {
      expect(isReference(value)).toBe(false);
    }
    expect(isReference(SAMPLE_REFERENCE)).toBe(true);
  });

  it('are read back from what a person types', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const reference = newReference();
        const typed = reference.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
        expect(normaliseReference(typed)).toBe(reference);
      }),
    );
    expect(normaliseReference(SAMPLE_REFERENCE.replaceAll('-', ''))).toBe(SAMPLE_REFERENCE);
    expect(normaliseReference('VR-1234')).toBeNull();
    expect(
      normaliseReference(SAMPLE_REFERENCE.replace(/.$/, (last) => (last === 'M' ? 'N' : 'M'))),
    ).toBeNull();
  });
});

describe('canonicalReportJson', () => {
  it('sorts keys, has no whitespace and leaves the signature out', () => {
    const body = sampleReportBody();
    const json = canonicalReportJson({ ...body, signature: 'x..y' } as SignedReport);
    expect(json).toBe(canonicalReportJson(Object.fromEntries(Object.entries(body).reverse()) as ReportBody));
    expect(json).not.toContain('signature');
    expect(json.startsWith('{"inspections":[{"date":"2019-03-10","nextDue"')).toBe(true);
    expect(json).not.toMatch(/[:,]\s/);
    expect(JSON.parse(json)).toEqual(body);
  });
});

describe('signReport and verifyReport', () => {
  it('sign with a detached ES256 JWS naming the key, and verify after a trip through JSON', async () => {
    const body = sampleReportBody();
    const signed = await signReport(body, key);
    const [header, payload, signature] = signed.signature.split('.');
    expect(payload).toBe('');
    expect(signature).toMatch(/^[\w-]{86}$/);
    expect(decodeProtectedHeader(`${header}..`)).toEqual({
      alg: 'ES256',
      kid: key.kid,
      typ: REPORT_JWS_TYPE,
    });
    expect(await verifyReport(JSON.parse(JSON.stringify(signed)), keysOf(key))).toEqual({
      valid: true,
      body,
    });
  });

  it('sign the owner sections too, and re-sign a signed report over its body only', async () => {
    const owner = sampleReportBody(ownerSections());
    const signed = await signReport(owner, key);
    const resigned = await signReport(signed, otherKey);
    expect(await verifyReport(resigned, keysOf(otherKey))).toEqual({ valid: true, body: owner });
  });

  it('refuse to sign a body that is not a report or has fields the schema does not know', async () => {
    await expect(signReport({ ...sampleReportBody(), partial: 'no' } as never, key)).rejects.toThrow(
      /partial/,
    );
    const leaky = sampleReportBody();
    (leaky.registration as Record<string, unknown>).ownerEgn = '8001010000';
    await expect(signReport(leaky, key)).rejects.toThrow(/outside the report schema/);
  });

  describe('report a change to any field as a bad signature', () => {
    const tamperings: [string, (report: SignedReport) => void][] = [
      [
        'a number',
        (report) => {
          report.odometer!.readings[3]!.km += 1;
        },
      ],
      [
        'a string',
        (report) => {
          report.technical!.colour = 'черен';
        },
      ],
      [
        'a boolean',
        (report) => {
          report.theft!.stolen = true;
        },
      ],
      [
        'a nested array item',
        (report) => {
          report.registration!.timeline[1]!.ownerKind = 'person';
        },
      ],
      [
        'an array item removed',
        (report) => {
          report.inspections!.pop();
        },
      ],
      [
        'a null made a value',
        (report) => {
          report.sources[4]!.dataAsOf = '2026-01-01';
        },
      ],
      ['a field added at the top', (report) => Object.assign(report, { note: 'clean car' })],
      ['a field added deep inside', (report) => Object.assign(report.insurance!, { cancelled: false })],
      [
        'an optional section removed',
        (report) => {
          delete report.fines;
        },
      ],
    ];
    for (const [name, tamper] of tamperings) {
      it(name, async () => {
        const report = structuredClone(await signReport(sampleReportBody(ownerSections()), key));
        tamper(report);
        expect(await verifyReport(report, keysOf(key))).toMatchObject({
          valid: false,
          reason: 'bad-signature',
        });
      });
    }
  });

  it('reject every single-leaf change: bad signature if still a report, malformed if not', async () => {
    const signed = await signReport(sampleReportBody(ownerSections()), key);
    for (const path of leafPaths(signed).filter((p) => p[0] !== 'signature')) {
      const report = structuredClone(signed);
      const parent = path
        .slice(0, -1)
        .reduce<Record<string, unknown>>((node, step) => node[step] as never, report);
      const leaf = path.at(-1)!;
      parent[leaf] = changed(parent[leaf]);
      const result = await verifyReport(report, keysOf(key));
      const stillShaped = Value.Check(ReportBody, report);
      expect(result, path.join('.')).toMatchObject({
        valid: false,
        reason: stillShaped ? 'bad-signature' : 'malformed',
      });
    }
  });

  it('report a removed required field as malformed', async () => {
    const { vin: _vin, ...withoutVin } = await signReport(sampleReportBody(), key);
    expect(await verifyReport(withoutVin, keysOf(key))).toMatchObject({ valid: false, reason: 'malformed' });
  });

  it('report a key id it does not know as unknown-key, and another key under that id as bad-signature', async () => {
    const signed = await signReport(sampleReportBody(), key);
    expect(await verifyReport(signed, keysOf(otherKey))).toMatchObject({
      valid: false,
      reason: 'unknown-key',
    });
    const impostor = async () => otherKey.publicJwk;
    expect(await verifyReport(signed, impostor)).toMatchObject({ valid: false, reason: 'bad-signature' });
  });

  it('tell a JWS of something else (another typ) from a report', async () => {
    const body = sampleReportBody();
    const jws = await new CompactSign(new TextEncoder().encode(canonicalReportJson(body)))
      .setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' })
      .sign(key.privateKey);
    const [header, , signature] = jws.split('.');
    const result = await verifyReport({ ...body, signature: `${header}..${signature}` }, keysOf(key));
    expect(result).toMatchObject({ valid: false, reason: 'not-a-report' });
  });

  it('report an attached payload, other algorithms and broken headers as malformed', async () => {
    const signed = await signReport(sampleReportBody(), key);
    const [header, , signature] = signed.signature.split('.');
    const payload = Buffer.from(canonicalReportJson(signed)).toString('base64url');
    const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const signatures = [
      `${header}.${payload}.${signature}`,
      `${encode({ alg: 'none', kid: key.kid, typ: REPORT_JWS_TYPE })}..`,
      `${encode({ alg: 'HS256', kid: key.kid, typ: REPORT_JWS_TYPE })}..${signature}`,
      `${encode({ alg: 'ES256', kid: key.kid, typ: REPORT_JWS_TYPE, b64: false, crit: ['b64'] })}..${signature}`,
      `${encode({ alg: 'ES256', kid: 'x'.repeat(500), typ: REPORT_JWS_TYPE })}..${signature}`,
      `${encode({ alg: 'ES256', typ: REPORT_JWS_TYPE })}..${signature}`,
      `${header}..not*base64`,
      '%%%..%%%',
      '',
      'x'.repeat(5_000_000),
    ];
    for (const bad of signatures) {
      const result = await verifyReport({ ...signed, signature: bad }, keysOf(key));
      expect(result, bad.slice(0, 60)).toMatchObject({ valid: false, reason: 'malformed' });
    }
  });

  it('never throws and never accepts arbitrary input', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 6 }),
        async (junk) => {
          expect(await verifyReport(junk, keysOf(key))).toMatchObject({ valid: false, reason: 'malformed' });
        },
      ),
    );
  });

  it('never throws on a signed report with any one field replaced by junk', async () => {
    const signed = await signReport(sampleReportBody(ownerSections()), key);
    const fields = Object.keys(signed);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...fields), fc.anything(), async (field, junk) => {
        fc.pre(!Object.is(junk, (signed as Record<string, unknown>)[field]));
        const result = await verifyReport({ ...signed, [field]: junk }, keysOf(key));
        expect(result.valid).toBe(false);
      }),
    );
  });

  it('report absurdly deep extra fields as malformed instead of overflowing the stack', async () => {
    const signed = await signReport(sampleReportBody(), key);
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const result = await verifyReport({ ...signed, deep }, keysOf(key));
    expect(result).toMatchObject({ valid: false, reason: 'malformed' });
  });
});

describe('generateReportKey', () => {
  it('makes an ES256 key whose id is the RFC 7638 thumbprint and whose public JWK has no private part', async () => {
    expect(key.kid).toBe(await calculateJwkThumbprint(key.publicJwk));
    expect(key.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', kid: key.kid });
    expect(key.publicJwk).not.toHaveProperty('d');
    expect(key.kid).not.toBe(otherKey.kid);
  });
});

/** Paths to every primitive value (null included) in a JSON value. */
function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  return Object.entries(value).flatMap(([key, item]) => leafPaths(item, [...prefix, key]));
}

/** A different value of the same kind (null becomes a string). */
function changed(value: unknown): unknown {
  if (typeof value === 'number') return value + 1;
  if (typeof value === 'boolean') return !value;
  if (typeof value === 'string') return `${value}x`;
  return 'now a string';
}
