import { describe, expect, it } from 'vitest';
import { mergeMigrations } from './db/migrate.ts';
import { MIGRATIONS } from './migrations.ts';

/** The migrations of released versions (main before session 13), as their databases recorded them. */
const RELEASED = [
  '0001-platform',
  '0010-identity',
  '0100-population',
  '0110-identity-documents',
  '0120-driving-licences',
  '0130-vehicles',
  '0140-inspections',
  '0150-insurance',
  '0160-fines',
  '0170-vehicle-tax',
  '0200-exchange',
  '0210-exchange-registry-audit',
  '0220-exchange-message-log-inline',
  '0300-audit',
  '0400-dossier',
  '0500-register-codes',
  '0510-exchange-access-right-pairs',
  '0520-audit-hidden-cases-bound',
  '0530-identity-role-holder-name',
  '0540-identity-sign-ins-and-pin-attempts',
  '0550-audit-private-keys-out-of-database',
  '0600-wallet',
  '0610-wallet-issuer-tables',
  '0620-register-changes',
  '0621-health-insurance',
  '0622-driving-licence-restrictions',
  '0630-wallet-trust',
  '0631-wallet-status',
  '0640-wallet-verifier',
  '0650-identity-passkeys',
  '0700-ehealth-store',
  '0720-ehealth-search-index',
  '0730-ehealth-access',
  '0736-audit-access-outbox',
  '0740-ehealth-prescriptions',
  '0750-ehealth-seed-batches',
];

describe('the migrations registered at boot', () => {
  const names = Object.keys(mergeMigrations(MIGRATIONS)).sort();

  it('keep the names and the order released databases applied (a renamed one stops every upgrade)', () => {
    expect(names.slice(0, RELEASED.length)).toEqual(RELEASED);
  });

  it('add new ones after every released one (Kysely refuses one that sorts before an applied one)', () => {
    for (const name of names.filter((name) => !RELEASED.includes(name))) {
      expect(name > RELEASED.at(-1)!, name).toBe(true);
    }
  });

  it('come from one set per context', () => {
    const contexts = MIGRATIONS.map((set) => set.context);
    expect(new Set(contexts).size).toBe(contexts.length);
  });
});
