/**
 * The e-service declarations whose registers this context keeps (issue 18): every register read
 * they declare exists, on the pair they declare, granted to the portal; and the write service
 * their decision calls acts on exactly that pair.
 */
import fs from 'node:fs';
import path from 'node:path';
import { REGISTER_SERVICES } from '@civitas/contracts/registers/index.ts';
import { describe, expect, it } from 'vitest';
import { defaultRights } from '../exchange/registry/default-rights.ts';
import { isLegalBasis, isPurpose } from '../kernel/purposes.ts';

const CATALOGUE = path.join(import.meta.dirname, '../capabilities/eservices/catalogue');
const OURS = [
  'certificate-of-no-criminal-record',
  'vehicle-registration-transfer',
  'company-good-standing-certificate',
];
const PORTAL = 'BG/GOV/177547175/civitas-portal';

interface Declaration {
  code: string;
  applicant: 'person' | 'business';
  purpose: string;
  legalBasis: string;
  prefill: Array<{ source: { register: string; endpoint: string; params: Record<string, string> } }>;
  signers: string[];
  counterparty?: { field: string };
  decision: { effect?: { register: string; action: string } };
}

const contractOf = (register: string) =>
  [...REGISTER_SERVICES.values()].find((service) => service.service === register);

describe.each(OURS)('the declaration %s', (code) => {
  const declaration = JSON.parse(
    fs.readFileSync(path.join(CATALOGUE, `${code}.json`), 'utf8'),
  ) as Declaration;
  const pair = { purpose: declaration.purpose, legalBasis: declaration.legalBasis };

  it('is named after its file and asks on a purpose and basis the platform knows', () => {
    expect(declaration.code).toBe(code);
    expect(isPurpose(declaration.purpose)).toBe(true);
    expect(isLegalBasis(declaration.legalBasis)).toBe(true);
  });

  it('prefills only from register endpoints that exist, each granted to the portal on its pair', () => {
    const services = [...REGISTER_SERVICES.values()].map(
      (service) => `BG/GOV/000000000/${service.subsystem}/${service.service}`,
    );
    const rights = defaultRights(services, { portal: PORTAL, municipality: 'x', police: 'y' });
    for (const { source } of declaration.prefill) {
      const contract = contractOf(source.register);
      const endpoint = contract?.endpoints[source.endpoint];
      expect(endpoint?.method, `${source.register}.${source.endpoint}`).toBe('GET');
      expect(Object.keys(source.params).sort()).toEqual(Object.keys(endpoint!.params.properties).sort());
      if (Object.values(source.params).includes('$business')) expect(declaration.applicant).toBe('business');
      const right = rights.find(
        (candidate) =>
          candidate.client === PORTAL &&
          candidate.serviceId.endsWith(`/${contract!.subsystem}/${contract!.service}`),
      );
      expect(right?.pairs, `${source.register}`).toContainEqual(pair);
    }
  });

  it('calls on approval a write service that acts on its own pair', () => {
    const effect = declaration.decision.effect;
    if (!effect) return expect(code).not.toBe('vehicle-registration-transfer');
    const endpoint = contractOf(effect.register)?.endpoints[effect.action];
    expect(endpoint?.method).toBe('POST');
    expect(endpoint?.purposes).toContainEqual(pair);
  });
});

describe('the vehicle transfer', () => {
  it('is signed by the seller who applies and by the buyer named in the form', () => {
    const declaration = JSON.parse(
      fs.readFileSync(path.join(CATALOGUE, 'vehicle-registration-transfer.json'), 'utf8'),
    ) as Declaration;
    expect(declaration.signers).toEqual(['applicant', 'counterparty']);
    expect(declaration.counterparty?.field).toBe('buyer.personalNumber');
    expect(declaration.decision.effect).toEqual({ register: 'vehicles', action: 'transfer-registration' });
  });
});
