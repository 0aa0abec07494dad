import { LOA_HIGH, LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';

/**
 * How much a sign-in with a passkey is worth (eIDAS levels, RFC 8176 methods).
 *
 * - A PIN sign-in with the national eID is "substantial", `amr` `["pin"]`.
 * - A passkey gives the level of the session it was registered in, and never more than
 *   "substantial" (a passkey proves possession of a device and a local user verification, not the
 *   identity checks behind "high"). A passkey that may be synchronised to other devices (backup
 *   eligible: the key leaves the authenticator) gives "low": it can be used from devices the eID
 *   never saw. `amr` says what was proven: a hardware-held (`hwk`) or synchronisable (`swk`) key,
 *   and the authenticator's user verification (`user`).
 */
export interface Assurance {
  acr: string;
  amr: string[];
}

const RANK: Readonly<Record<string, number>> = { [LOA_LOW]: 1, [LOA_SUBSTANTIAL]: 2, [LOA_HIGH]: 3 };

export const PIN_ASSURANCE: Readonly<Assurance> = { acr: LOA_SUBSTANTIAL, amr: ['pin'] };

/** The levels the eID node can give, lowest first (discovery's `acr_values_supported`). */
export const ACR_VALUES = [LOA_LOW, LOA_SUBSTANTIAL] as const;

export function rankOf(acr: string): number {
  return RANK[acr] ?? 0;
}

/** The lower of two levels. */
function lower(a: string, b: string): string {
  return rankOf(a) <= rankOf(b) ? a : b;
}

export function passkeyAssurance(passkey: { registeredAcr: string; backupEligible: boolean }): Assurance {
  if (passkey.backupEligible) return { acr: LOA_LOW, amr: ['swk', 'user'] };
  return { acr: lower(passkey.registeredAcr, LOA_SUBSTANTIAL), amr: ['hwk', 'user'] };
}

/**
 * The level a relying party's `acr_values` asks for: the lowest eIDAS level it lists (any listed
 * one is acceptable to it). Values that are not eIDAS levels are ignored; none asks for nothing.
 */
export function requestedLevel(acrValues: unknown): string | undefined {
  if (typeof acrValues !== 'string') return undefined;
  const known = acrValues.split(' ').filter((value) => rankOf(value) > 0);
  if (known.length === 0) return undefined;
  return known.reduce(lower);
}

/** Whether a sign-in at `given` satisfies the level a relying party asked for. */
export function satisfies(given: string, requested: string | undefined): boolean {
  return requested === undefined || rankOf(given) >= rankOf(requested);
}

/** Whether any passkey could satisfy the request (else the sign-in page offers only the PIN). */
export function passkeyCanSatisfy(requested: string | undefined): boolean {
  return satisfies(LOA_SUBSTANTIAL, requested);
}

/** A passkey is registered only in a session that began with the eID PIN. */
export function isPinSession(amr: unknown): boolean {
  return Array.isArray(amr) && amr.includes('pin');
}
