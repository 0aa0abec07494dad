import { describe, expect, it } from 'vitest';
import { grantedSmartScopes, roleAllowsScope } from './smart.ts';
import { scriptingSmartScopes } from './tokens.ts';

describe('the SMART scopes a person may be granted', () => {
  it('gives a citizen patient read and search scopes and the patient launch context', () => {
    const granted = grantedSmartScopes(
      [
        'openid',
        'profile',
        'fhirUser',
        'launch/patient',
        'patient/*.rs',
        'patient/Observation.read',
        'user/*.cruds',
        'patient/*.cud',
      ],
      ['citizen'],
    );
    expect(granted.oidc).toEqual(['fhirUser', 'launch/patient']);
    expect(granted.resource).toEqual(['patient/*.rs', 'patient/Observation.read']);
  });

  it('gives a doctor user scopes, a pharmacist only the prescriptions, nobody system scopes', () => {
    expect(roleAllowsScope(['citizen', 'doctor'], 'user/*.cruds')).toBe(true);
    expect(roleAllowsScope(['citizen', 'pharmacist'], 'user/*.rs')).toBe(false);
    expect(roleAllowsScope(['citizen', 'pharmacist'], 'user/MedicationRequest.rs')).toBe(true);
    expect(roleAllowsScope(['citizen', 'pharmacist'], 'user/MedicationRequest.cruds')).toBe(false);
    expect(roleAllowsScope(['citizen', 'pharmacist'], 'user/MedicationDispense.cruds')).toBe(true);
    expect(roleAllowsScope(['citizen', 'doctor', 'admin'], 'system/*.rs')).toBe(false);
    expect(roleAllowsScope(['citizen', 'official'], 'user/*.r')).toBe(false);
  });

  it('gives a scripting token what the web app would be granted', () => {
    expect(scriptingSmartScopes(['citizen'])).toEqual(['patient/*.rs']);
    expect(scriptingSmartScopes(['citizen', 'doctor'])).toEqual([
      'patient/*.rs',
      'user/*.cruds',
      'user/MedicationRequest.rs',
      'user/MedicationDispense.cruds',
    ]);
  });
});
