import { describe, expect, it } from 'vitest';
import { ADMIN_PATH } from '../../features/admin/paths.ts';
import { AUDIT_PATH } from '../../features/audit-console/paths.ts';
import { BACKOFFICE_PATH } from '../../features/backoffice/paths.ts';
import { CLINICIAN_PATH } from '../../features/clinician/paths.ts';
import { PHARMACY_PATH } from '../../features/pharmacy/paths.ts';
import { VERIFIER_PATH } from '../../features/verifier/paths.ts';
import { WALLET_DESK_PATH } from '../../features/wallet-desk/paths.ts';
import { WORKSPACE_PATH } from '../../features/workspace/paths.ts';
import { landingPath, workspacesFor } from './workspaces.ts';

const paths = (roles: string[]) => workspacesFor(roles).map((workspace) => workspace.path);

describe('role workspaces', () => {
  it('gives officials the lookup, the verifier, the wallet desk and the back office, police the lookup and the verifier, auditors the audit console, admins the exchange console', () => {
    expect(paths(['citizen', 'official'])).toEqual([
      WORKSPACE_PATH,
      VERIFIER_PATH,
      WALLET_DESK_PATH,
      BACKOFFICE_PATH,
    ]);
    expect(landingPath(['citizen', 'official'])).toBe(WORKSPACE_PATH);
    expect(paths(['citizen', 'police'])).toEqual([WORKSPACE_PATH, VERIFIER_PATH]);
    expect(paths(['citizen', 'auditor'])).toEqual([AUDIT_PATH]);
    expect(paths(['citizen', 'admin'])).toEqual([ADMIN_PATH]);
    expect(paths(['citizen', 'police', 'auditor'])).toEqual([WORKSPACE_PATH, AUDIT_PATH, VERIFIER_PATH]);
  });

  it('gives the pharmacist the prescriptions first, then the wallet verifier (a shop’s till)', () => {
    expect(paths(['citizen', 'pharmacist'])).toEqual([PHARMACY_PATH, VERIFIER_PATH]);
    expect(landingPath(['citizen', 'pharmacist'])).toBe(PHARMACY_PATH);
  });

  it('gives doctors their patients, and citizens no workspace', () => {
    expect(paths(['citizen', 'doctor'])).toEqual([CLINICIAN_PATH]);
    for (const roles of [['citizen'], []]) expect(paths(roles)).toEqual([]);
  });

  it('lands a person on their workspace, or on their profile when they have none', () => {
    expect(landingPath(['citizen', 'police'])).toBe(WORKSPACE_PATH);
    expect(landingPath(['citizen', 'auditor'])).toBe(AUDIT_PATH);
    expect(landingPath(['citizen', 'admin'])).toBe(ADMIN_PATH);
    expect(landingPath(['citizen', 'doctor'])).toBe(CLINICIAN_PATH);
    expect(landingPath(['citizen'])).toBe('/profile');
    expect(landingPath([])).toBe('/profile');
  });
});
