import { describe, expect, it } from 'vitest';
import { defaultRights } from './default-rights.ts';

const SERVICES = [
  'BG/GOV/831661388/population-register/persons',
  'BG/GOV/000695235/identity-documents/documents',
  'BG/GOV/000695235/driving-licences/licences',
  'BG/GOV/000695235/vehicle-register/vehicles',
  'BG/GOV/130160378/inspections/inspections',
  'BG/GOV/000696045/mtpl-insurance/policies',
  'BG/GOV/000695235/traffic-fines/fines',
  'BG/GOV/000696327/local-taxes/vehicle-tax',
  'BG/GOV/121858220/health-insurance/insured-persons',
];
const CLIENTS = {
  portal: 'BG/GOV/177547175/civitas-portal',
  municipality: 'BG/GOV/000696327/municipal-administration',
  police: 'BG/GOV/000695235/sofia-police',
  wallet: 'BG/GOV/177547175/civitas-wallet',
};

describe('the default rights of the wallet issuer', () => {
  const rights = defaultRights(SERVICES, CLIENTS);
  const wallet = rights.filter((right) => right.client === CLIENTS.wallet);

  it('grant credential issuance under eIDAS Art. 5a on exactly the registers credentials are filled from', () => {
    expect(wallet.map((right) => right.serviceId.split('/').slice(-2).join('/')).sort()).toEqual([
      'driving-licences/licences',
      'health-insurance/insured-persons',
      'identity-documents/documents',
      'population-register/persons',
      'vehicle-register/vehicles',
    ]);
    for (const right of wallet) {
      expect(right.pairs).toEqual([
        { purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' },
      ]);
    }
  });

  it('give no other client the credential-issuance pair, and nothing to a wallet an old release did not have', () => {
    const others = rights.filter((right) => right.client !== CLIENTS.wallet);
    expect(
      others.flatMap((right) => right.pairs).some((pair) => pair.purpose === 'credential-issuance'),
    ).toBe(false);
    const { wallet: _none, ...legacy } = CLIENTS;
    expect(defaultRights(SERVICES, legacy).some((right) => right.client === CLIENTS.wallet)).toBe(false);
  });

  it('let the portal see a person their own health insurance', () => {
    const portal = rights.find(
      (right) =>
        right.client === CLIENTS.portal && right.serviceId.endsWith('/health-insurance/insured-persons'),
    );
    // The person's own, and the EHIC e-service's prefill (the applicant's own insurance).
    expect(portal?.pairs).toEqual([
      { purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' },
      { purpose: 'ehic-request', legalBasis: 'regulation-883-2004-art-19' },
    ]);
  });
});

describe('the default rights on the health record', () => {
  const record = 'BG/GOV/000695317/health-record/records';
  const rights = defaultRights([...SERVICES, record], CLIENTS).filter((right) => right.serviceId === record);

  it("let the portal read a citizen's own record and the wallet issue credentials from it, and nobody else", () => {
    expect(rights.map((right) => [right.client, right.pairs]).sort()).toEqual(
      [
        [CLIENTS.portal, [{ purpose: 'data-subject-access', legalBasis: 'gdpr-art-15' }]],
        [CLIENTS.wallet, [{ purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' }]],
      ].sort(),
    );
  });
});
