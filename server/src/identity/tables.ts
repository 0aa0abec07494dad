export const ROLES = ['citizen', 'official', 'doctor', 'pharmacist', 'police', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleAssignmentRow {
  egn: string;
  role: Role;
  /** The organisation on whose behalf the role is held (null for citizen). */
  organisation: string | null;
  /** The holder's name as their administration registered it (shown to the persons whose data they access). */
  holder_name: string | null;
  /** 'demo' for seeded demo accounts; demo assignments are never honoured in production. */
  source: string;
  granted_at: Date;
}

export interface SigningKeyRow {
  kid: string;
  use: string;
  private_jwk: string;
  created_at: Date;
}

export interface OidcPayloadRow {
  id: string;
  model: string;
  payload: string;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Date | null;
  consumed_at: Date | null;
}

/** The claims read from the population register when the person last signed in. */
export interface SignInRow {
  egn: string;
  /** JSON: the ID token's profile claims (names, birth date, gender). */
  claims: string;
  signed_in_at: Date;
  expires_at: Date;
}

/** Consecutive wrong PINs for a personal number (known or not: the same for both). */
export interface PinAttemptRow {
  egn: string;
  failures: number;
  last_failure_at: Date;
  locked_until: Date | null;
}

export interface IdentityTables {
  'identity.role_assignments': RoleAssignmentRow;
  'identity.signing_keys': SigningKeyRow;
  'identity.oidc_payloads': OidcPayloadRow;
  'identity.sign_ins': SignInRow;
  'identity.pin_attempts': PinAttemptRow;
}
