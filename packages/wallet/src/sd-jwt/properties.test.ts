import fc from 'fast-check';
import { beforeAll, expect, test } from 'vitest';
import { WalletVerificationError } from '../errors.ts';
import { flattenClaims } from './parse.ts';
import { decodeSdJwtVc } from './present.ts';
import { type WalletFixture, walletFixture } from './testing.ts';
import { verifySdJwtVcPresentation } from './verify.ts';

let f: WalletFixture;
beforeAll(async () => {
  f = await walletFixture();
});

const RESERVED = new Set(['iss', 'sub', 'vct', 'cnf', 'status', 'iat', 'nbf', 'exp', 'constructor']);
const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,7}$/).filter((k) => !RESERVED.has(k));
const primitive = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
const claimValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, primitive, tie('object'), fc.array(primitive, { maxLength: 3 })),
  object: fc.dictionary(key, tie('value'), { maxKeys: 3 }),
})).value;
const claimsArbitrary = fc.dictionary(key, claimValue, { minKeys: 1, maxKeys: 5 });

/** Every path of a claim (object keys and array indexes), parents before children. */
function pathsOf(value: unknown, path: string[] = []): string[][] {
  if (Array.isArray(value))
    return value.flatMap((element, i) => [[...path, String(i)], ...pathsOf(element, [...path, String(i)])]);
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([k, v]) => [[...path, k], ...pathsOf(v, [...path, k])]);
  return [];
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.every((segment, i) => path[i] === segment);
const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && startsWith(a, b);

/** What the verifier should see: the claims minus every disclosable part the holder kept back. */
function expected(value: unknown, disclosable: string[][], chosen: string[][], path: string[] = []): unknown {
  const hidden = (p: string[]) =>
    disclosable.some((d) => same(d, p)) && !chosen.some((c) => startsWith(c, p) || startsWith(p, c));
  if (Array.isArray(value))
    return value.flatMap((element, i) =>
      hidden([...path, String(i)]) ? [] : [expected(element, disclosable, chosen, [...path, String(i)])],
    );
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !hidden([...path, k]))
        .map(([k, v]) => [k, expected(v, disclosable, chosen, [...path, k])]),
    );
  return value;
}

test('any claims, any disclosable paths, any choice: the wallet reads all, the verifier exactly the chosen', async () => {
  await fc.assert(
    fc.asyncProperty(
      claimsArbitrary.chain((claims) => {
        const paths = pathsOf(claims);
        return fc.tuple(
          fc.constant(claims),
          fc.subarray(paths),
          fc.subarray(paths),
          fc.integer({ min: 0, max: 3 }),
        );
      }),
      async ([claims, disclosable, wanted, decoys]) => {
        const credential = await f.issue({ claims, disclosable }, { decoys });
        const decoded = decodeSdJwtVc(credential);
        expect(decoded.claims).toEqual(claims);
        expect(decoded.disclosable.map((p) => p.join('\u0001')).sort()).toEqual(
          disclosable.map((p) => p.join('\u0001')).sort(),
        );
        const verified = await verifySdJwtVcPresentation(
          await f.present(credential, wanted),
          await f.context(),
        );
        const visible = expected(claims, disclosable, wanted) as Record<string, unknown>;
        expect(verified.claims).toEqual(flattenClaims(visible));
      },
    ),
    { numRuns: 60 },
  );
});

test('any one character changed anywhere in a presentation is refused with a code, never accepted', async () => {
  const credential = await f.issue();
  const presentation = await f.present(credential, [['given_name'], ['age_equal_or_over', '18']]);
  const context = await f.context();
  await fc.assert(
    fc.asyncProperty(
      fc.integer({ min: 0, max: presentation.length - 1 }),
      fc.constantFrom(...'ABQRgw_-~.x0'),
      async (at, replacement) => {
        fc.pre(presentation[at] !== replacement);
        const changed = presentation.slice(0, at) + replacement + presentation.slice(at + 1);
        await expect(verifySdJwtVcPresentation(changed, context)).rejects.toBeInstanceOf(
          WalletVerificationError,
        );
      },
    ),
    { numRuns: 300 },
  );
});

test('garbage is refused as malformed or tampered, never a crash', async () => {
  const context = await f.context();
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.array(fc.base64String(), { maxLength: 4 }).map((a) => a.join('~')),
      ),
      async (text) => {
        await expect(verifySdJwtVcPresentation(text, context)).rejects.toBeInstanceOf(
          WalletVerificationError,
        );
      },
    ),
    { numRuns: 300 },
  );
});
