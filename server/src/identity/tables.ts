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

/** A person's passkey user handle: random, the same for all their passkeys, never the personal number. */
export interface PasskeyHolderRow {
  egn: string;
  /** base64url of 32 random bytes (WebAuthn `user.id`). */
  user_handle: string;
  created_at: Date;
}

/** A passkey registered with the eID (a WebAuthn credential). */
export interface PasskeyRow {
  id: string;
  egn: string;
  /** base64url credential id, as the authenticator names it. */
  credential_id: string;
  /** COSE public key. */
  public_key: Uint8Array;
  /** The signature counter last seen (0 for authenticators that keep none). */
  sign_count: number;
  /** JSON array of transports (usb, nfc, ble, internal, hybrid, …). */
  transports: string;
  device_name: string;
  /** The eIDAS level of the session the passkey was registered in. */
  registered_acr: string;
  /** WebAuthn backup eligibility: the key may be synchronised to other devices. */
  backup_eligible: boolean;
  created_at: Date;
  last_used_at: Date | null;
}

/** A WebAuthn challenge: single use, short-lived, bound to a person or to a sign-in interaction. */
export interface PasskeyChallengeRow {
  challenge: string;
  purpose: 'registration' | 'authentication';
  /** registration: the person registering. */
  egn: string | null;
  /** authentication: the eID sign-in interaction it was issued for. */
  interaction_uid: string | null;
  expires_at: Date;
}

export interface IdentityTables {
  'identity.role_assignments': RoleAssignmentRow;
  'identity.signing_keys': SigningKeyRow;
  'identity.oidc_payloads': OidcPayloadRow;
  'identity.sign_ins': SignInRow;
  'identity.pin_attempts': PinAttemptRow;
  'identity.passkey_holders': PasskeyHolderRow;
  'identity.passkeys': PasskeyRow;
  'identity.passkey_challenges': PasskeyChallengeRow;
}
