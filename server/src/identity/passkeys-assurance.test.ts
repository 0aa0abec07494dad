import { LOA_HIGH, LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';
import { describe, expect, it } from 'vitest';
import {
  isPinSession,
  passkeyAssurance,
  passkeyCanSatisfy,
  requestedLevel,
  satisfies,
} from './passkeys-assurance.ts';

describe('the level of assurance of a passkey sign-in', () => {
  it('is the level the passkey was registered at, never above substantial, with hwk and user', () => {
    expect(passkeyAssurance({ registeredAcr: LOA_SUBSTANTIAL, backupEligible: false })).toEqual({
      acr: LOA_SUBSTANTIAL,
      amr: ['hwk', 'user'],
    });
    expect(passkeyAssurance({ registeredAcr: LOA_HIGH, backupEligible: false }).acr).toBe(LOA_SUBSTANTIAL);
    expect(passkeyAssurance({ registeredAcr: LOA_LOW, backupEligible: false }).acr).toBe(LOA_LOW);
  });

  it('is low for a passkey that may be synchronised to other devices (swk)', () => {
    expect(passkeyAssurance({ registeredAcr: LOA_SUBSTANTIAL, backupEligible: true })).toEqual({
      acr: LOA_LOW,
      amr: ['swk', 'user'],
    });
  });

  it("reads the relying party's acr_values as the lowest eIDAS level listed, ignoring other values", () => {
    expect(requestedLevel(undefined)).toBeUndefined();
    expect(requestedLevel('urn:other:level')).toBeUndefined();
    expect(requestedLevel(`${LOA_HIGH} ${LOA_SUBSTANTIAL}`)).toBe(LOA_SUBSTANTIAL);
    expect(requestedLevel(`urn:x ${LOA_HIGH}`)).toBe(LOA_HIGH);
    expect(satisfies(LOA_LOW, LOA_SUBSTANTIAL)).toBe(false);
    expect(satisfies(LOA_SUBSTANTIAL, LOA_SUBSTANTIAL)).toBe(true);
    expect(satisfies(LOA_LOW, undefined)).toBe(true);
    expect(passkeyCanSatisfy(LOA_HIGH)).toBe(false);
    expect(passkeyCanSatisfy(LOA_SUBSTANTIAL)).toBe(true);
  });

  it('lets only a PIN session register a passkey', () => {
    expect(isPinSession(['pin'])).toBe(true);
    expect(isPinSession(['hwk', 'user'])).toBe(false);
    expect(isPinSession(undefined)).toBe(false);
  });
});
