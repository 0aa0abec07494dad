import { dcqlQueryFor } from '@civitas/wallet/checks.ts';
import { describe, expect, it } from 'vitest';
import { chosenPaths, matchQuery } from './dcql-match.ts';
import type { StoredCredential } from './vault.ts';

const stored = (
  configurationId: string,
  format: StoredCredential['format'],
  claims: Record<string, unknown>,
) =>
  ({
    id: configurationId,
    configurationId,
    format,
    issuer: 'https://civitas.example',
    issuerName: 'Civitas',
    copies: [],
    claims,
    validUntil: null,
    status: null,
    addedAt: '2026-12-06T06:00:00Z',
  }) satisfies StoredCredential;

const pid = stored('pid-sd-jwt', 'dc+sd-jwt', {
  given_name: 'Ivan',
  family_name: 'Petrov',
  birthdate: '1990-04-12',
  picture: 'data:image/jpeg;base64,AA==',
  nationalities: ['BG'],
  age_equal_or_over: { '18': true },
});
const pidMdoc = stored('pid-mdoc', 'mso_mdoc', { 'eu.europa.ec.eudi.pid.1': { age_over_18: true } });
const ehic = stored('ehic', 'dc+sd-jwt', { given_name: 'Ivan' });

describe('which documents answer a verifier’s DCQL query', () => {
  it('answers "over 18" with the PID, asking only that one claim', () => {
    const result = matchQuery(dcqlQueryFor('over-18'), [ehic, pid]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.matches).toHaveLength(1);
    expect(result.matches[0]?.credential).toBe(pid);
    expect(result.matches[0]?.claims).toEqual([
      {
        id: 'age',
        path: ['age_equal_or_over', '18'],
        optional: false,
        label: { bg: 'Навършени 18 години', en: 'Aged 18 or over', pl: 'Ukończone 18 lat' },
      },
    ]);
  });

  it('takes the first option the wallet can present (the mdoc PID when SD-JWT is missing)', () => {
    const result = matchQuery(dcqlQueryFor('over-18'), [pidMdoc]);
    expect(result.ok && result.matches[0]?.credential).toBe(pidMdoc);
    const sdJwtOnly = matchQuery(dcqlQueryFor('over-18'), [pidMdoc], new Set(['dc+sd-jwt']));
    expect(sdJwtOnly).toEqual({ ok: false, missing: ['pid'] });
  });

  it('marks claims outside the last claim set optional, and leaves out what the citizen switched off', () => {
    const result = matchQuery(dcqlQueryFor('identity'), [pid]);
    if (!result.ok) throw new Error('no match');
    const match = result.matches[0];
    if (!match) throw new Error('no match');
    expect(match.claims.filter((claim) => claim.optional).map((claim) => claim.id)).toEqual([
      'nationalities',
    ]);
    expect(chosenPaths(match, new Set())).toContainEqual(['nationalities']);
    expect(chosenPaths(match, new Set(['nationalities']))).toEqual([
      ['family_name'],
      ['given_name'],
      ['birthdate'],
      ['picture'],
    ]);
    // Required claims cannot be switched off.
    expect(chosenPaths(match, new Set(['family_name']))).toContainEqual(['family_name']);
  });

  it('says what is missing when no document answers', () => {
    expect(matchQuery(dcqlQueryFor('driving-licence-b'), [pid, ehic])).toEqual({
      ok: false,
      missing: ['mdl'],
    });
    const withoutAge = stored('pid-sd-jwt', 'dc+sd-jwt', { given_name: 'Ivan' });
    expect(matchQuery(dcqlQueryFor('over-18'), [withoutAge]).ok).toBe(false);
  });
});
