import { ADMIN_PATH } from '../../features/admin/paths.ts';
import { AUDIT_PATH } from '../../features/audit-console/paths.ts';
import { BACKOFFICE_PATH } from '../../features/backoffice/paths.ts';
import { CLINICIAN_PATH } from '../../features/clinician/paths.ts';
import { PHARMACY_PATH } from '../../features/pharmacy/paths.ts';
import { VERIFIER_PATH } from '../../features/verifier/paths.ts';
import { WALLET_DESK_PATH } from '../../features/wallet-desk/paths.ts';
import { WORKSPACE_PATH } from '../../features/workspace/paths.ts';

/**
 * The screens that belong to a role rather than to every citizen: who may open each, and the
 * navigation label that leads there. A person holding such a role lands on its workspace after
 * signing in; everyone keeps the citizen's screens for their own data.
 */
export interface Workspace {
  path: string;
  roles: readonly string[];
  navLabel:
    | 'workspace.nav'
    | 'auditConsole.nav'
    | 'admin.nav'
    | 'verifier.nav'
    | 'walletDesk.nav'
    | 'clinician.nav'
    | 'pharmacy.nav'
    | 'backoffice.nav';
}

export const WORKSPACES: readonly Workspace[] = [
  { path: WORKSPACE_PATH, roles: ['official', 'police'], navLabel: 'workspace.nav' },
  { path: AUDIT_PATH, roles: ['auditor'], navLabel: 'auditConsole.nav' },
  { path: ADMIN_PATH, roles: ['admin'], navLabel: 'admin.nav' },
  // Doctors land on their patients; pharmacists on the prescriptions (before the verifier's till).
  { path: CLINICIAN_PATH, roles: ['doctor'], navLabel: 'clinician.nav' },
  { path: PHARMACY_PATH, roles: ['pharmacist'], navLabel: 'pharmacy.nav' },
  // The wallet verifier: police and officials, and a shop's till (the pharmacist's demo account).
  { path: VERIFIER_PATH, roles: ['police', 'official', 'pharmacist'], navLabel: 'verifier.nav' },
  // Last: an official still lands on the lookup; the desk is one link further.
  { path: WALLET_DESK_PATH, roles: ['official'], navLabel: 'walletDesk.nav' },
  // The e-services' back office (issue 18): the official's administration's applications.
  { path: BACKOFFICE_PATH, roles: ['official'], navLabel: 'backoffice.nav' },
];

/** The start screen of a signed-in person without a workspace. */
export const CITIZEN_LANDING = '/profile';

export function workspacesFor(roles: readonly string[]): Workspace[] {
  return WORKSPACES.filter((workspace) => workspace.roles.some((role) => roles.includes(role)));
}

/** Where a person lands after signing in: their first workspace, or their profile. */
export function landingPath(roles: readonly string[]): string {
  return workspacesFor(roles)[0]?.path ?? CITIZEN_LANDING;
}
