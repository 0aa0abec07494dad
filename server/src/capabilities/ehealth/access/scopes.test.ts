import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HealthAccessContext, HealthActor, Interaction } from '../ports.ts';
import { checkScopes, LETTERS, letterOf, parseScope, parseScopes, scopeText } from './scopes.ts';

const TYPES = ['Observation', 'Patient', 'Condition', 'MedicationRequest', '*'];
const contexts = fc.constantFrom('patient', 'user', 'system');
const types = fc.constantFrom(...TYPES);
/** A non-empty subsequence of `cruds`. */
const permissions = fc
  .subarray([...LETTERS], { minLength: 1 })
  .map((letters) => LETTERS.filter((letter) => letters.includes(letter)).join(''));

describe('SMART v2 scopes', () => {
  it('parses v2 scopes and writes them back the same', () => {
    fc.assert(
      fc.property(contexts, types, permissions, (context, type, letters) => {
        const text = `${context}/${type}.${letters}`;
        const scope = parseScope(text);
        expect(scope).not.toBeNull();
        expect(scope!.context).toBe(context);
        expect(scope!.resourceType).toBe(type);
        expect([...scope!.interactions].sort().join('')).toBe([...letters].sort().join(''));
        expect(scopeText(scope!)).toBe(text);
      }),
    );
  });

  it('maps v1 scopes to v2', () => {
    expect(scopeText(parseScope('patient/*.read')!)).toBe('patient/*.rs');
    expect(scopeText(parseScope('user/Observation.write')!)).toBe('user/Observation.cud');
    expect(scopeText(parseScope('user/*.*')!)).toBe('user/*.cruds');
  });

  it('is no resource scope: launch and identity scopes, letters out of order or repeated, junk', () => {
    for (const text of [
      'openid',
      'fhirUser',
      'launch/patient',
      'offline_access',
      'profile',
      'patient/*.sr',
      'patient/*.rr',
      'patient/*.',
      'patient/observation.r',
      'group/*.r',
      'patient/*.x',
      '',
    ]) {
      expect(parseScope(text)).toBeNull();
    }
  });

  it('never throws on any string, and only ever yields cruds letters', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const scope = parseScope(text);
        if (scope) for (const letter of scope.interactions) expect(LETTERS).toContain(letter);
      }),
    );
    expect(parseScopes(['openid', 'patient/*.rs', 'junk'])).toHaveLength(1);
  });
});

describe('checking scopes against an interaction', () => {
  const patient: HealthActor = { kind: 'patient', personalNumber: '1', patientId: 'p', patientIds: ['p'] };
  const doctor: HealthActor = {
    kind: 'practitioner',
    personalNumber: '2',
    practitionerId: 'd',
    organisation: 'o',
    client: 'c',
    generalPractitioner: true,
  };
  const ctx = (actor: HealthActor, scopes: string[]): HealthAccessContext => ({
    actor,
    scopes: parseScopes(scopes),
    purpose: { purpose: 'medical-treatment', legalBasis: 'gdpr-art-9-2-h' },
    breakGlass: [],
    requestId: 't',
  });

  it('maps each interaction to its letter', () => {
    const expected: Record<Interaction, string> = {
      read: 'r',
      vread: 'r',
      history: 'r',
      operation: 'r',
      search: 's',
      create: 'c',
      update: 'u',
      delete: 'd',
    };
    for (const [interaction, letter] of Object.entries(expected))
      expect(letterOf(interaction as Interaction)).toBe(letter);
  });

  it('allows exactly what a scope grants on its type', () => {
    const interactions: Interaction[] = [
      'read',
      'vread',
      'history',
      'search',
      'create',
      'update',
      'delete',
      'operation',
    ];
    fc.assert(
      fc.property(
        types,
        permissions,
        fc.constantFrom(...TYPES.filter((t) => t !== '*')),
        fc.constantFrom(...interactions),
        (type, letters, asked, interaction) => {
          const decision = checkScopes(ctx(doctor, [`user/${type}.${letters}`]), asked, interaction);
          const expected = (type === '*' || type === asked) && letters.includes(letterOf(interaction));
          expect(decision.allowed).toBe(expected);
        },
      ),
    );
  });

  it('patients read with patient scopes; nobody reaches the API with system scopes; the platform always', () => {
    expect(checkScopes(ctx(patient, ['patient/*.rs']), 'Observation', 'search').allowed).toBe(true);
    expect(checkScopes(ctx(patient, ['patient/*.rs']), 'Observation', 'create').allowed).toBe(false);
    expect(checkScopes(ctx(doctor, ['system/*.cruds']), 'Observation', 'read').allowed).toBe(false);
    expect(
      checkScopes(ctx({ kind: 'system', client: 'x' }, ['system/*.cruds']), 'Observation', 'read').allowed,
    ).toBe(false);
    expect(checkScopes(ctx({ kind: 'internal' }, []), 'Observation', 'delete').allowed).toBe(true);
  });
});
