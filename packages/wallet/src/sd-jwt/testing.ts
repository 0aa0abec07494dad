/**
 * A ready-made issuer, holder and verifier for tests of SD-JWT VC (here and in the parts that build
 * on it): a test PKI, a device key, a status list, and a verification context that accepts them.
 */
import type { IssueSdJwtVcInput, PublicJwk, VerificationContext } from '../formats.ts';
import { buildStatusListToken } from '../status-list/jwt.ts';
import { ECDSA_P256, ES256 } from '../trust/jws.ts';
import { createTestPki, type TestPki, type TestPkiOptions } from '../trust/test-pki.ts';
import { type IssueSdJwtVcOptions, issueSdJwtVc } from './issue.ts';
import { type KeyBindingInput, presentSdJwtVc } from './present.ts';

export const TEST_VCT = 'urn:eudi:pid:1';
export const TEST_STATUS_URI = 'https://civitas.example/wallet/status/1';
export const TEST_AUDIENCE = 'x509_san_dns:shop.example';
export const TEST_NONCE = 'nonce-4f1c2d9e8b7a';

export const TEST_CLAIMS = {
  family_name: 'Petrova',
  given_name: 'Maria',
  birthdate: '1990-04-12',
  place_of_birth: { locality: 'Plovdiv', country: 'BG' },
  nationalities: ['BG'],
  age_equal_or_over: { '18': true, '21': true, '65': false },
  issuing_country: 'BG',
};

export const TEST_DISCLOSABLE = [
  ['family_name'],
  ['given_name'],
  ['birthdate'],
  ['place_of_birth'],
  ['place_of_birth', 'locality'],
  ['nationalities'],
  ['age_equal_or_over', '18'],
  ['age_equal_or_over', '21'],
  ['age_equal_or_over', '65'],
];

export interface WalletFixture {
  now: Date;
  seconds: number;
  pki: TestPki;
  holder: PublicJwk;
  /** Signs with the holder's (non-extractable) device key. */
  sign(data: Uint8Array): Promise<Uint8Array>;
  issue(overrides?: Partial<IssueSdJwtVcInput>, options?: IssueSdJwtVcOptions): Promise<string>;
  present(
    credential: string,
    disclose: readonly (readonly string[])[],
    kb?: Partial<KeyBindingInput>,
  ): Promise<string>;
  /** A status list token for TEST_STATUS_URI with the given statuses (default: 16 valid). */
  statusList(
    statuses?: number[],
    overrides?: { uri?: string; expiresAt?: number; pki?: TestPki },
  ): Promise<string>;
  context(overrides?: Partial<VerificationContext>): Promise<VerificationContext>;
}

export async function walletFixture(options: TestPkiOptions = {}): Promise<WalletFixture> {
  const now = options.now ?? new Date();
  const seconds = Math.floor(now.getTime() / 1000);
  const pki = await createTestPki({ ...options, now });
  const device = await crypto.subtle.generateKey(ECDSA_P256, false, ['sign', 'verify']);
  const { x, y } = await crypto.subtle.exportKey('jwk', device.publicKey);
  const holder: PublicJwk = { kty: 'EC', crv: 'P-256', x: x as string, y: y as string };
  const sign = async (data: Uint8Array) =>
    new Uint8Array(await crypto.subtle.sign(ES256, device.privateKey, data as Uint8Array<ArrayBuffer>));
  const statusList: WalletFixture['statusList'] = (statuses = new Array(16).fill(0), overrides = {}) =>
    buildStatusListToken({
      uri: overrides.uri ?? TEST_STATUS_URI,
      statuses,
      bits: 2,
      issuedAt: seconds,
      expiresAt: overrides.expiresAt ?? seconds + 3600,
      ttl: 300,
      signer: (overrides.pki ?? pki).signer,
    });
  return {
    now,
    seconds,
    pki,
    holder,
    sign,
    issue: (overrides = {}, issueOptions = {}) =>
      issueSdJwtVc(
        {
          issuer: 'https://civitas.example',
          vct: TEST_VCT,
          claims: TEST_CLAIMS,
          disclosable: TEST_DISCLOSABLE,
          holder,
          status: { uri: TEST_STATUS_URI, idx: 3 },
          issuedAt: seconds - 60,
          expiresAt: seconds + 86_400,
          signer: pki.signer,
          ...overrides,
        },
        issueOptions,
      ),
    present: (credential, disclose, kb = {}) =>
      presentSdJwtVc(credential, disclose, {
        aud: TEST_AUDIENCE,
        nonce: TEST_NONCE,
        iat: seconds,
        sign,
        ...kb,
      }),
    statusList,
    context: async (overrides = {}) => {
      const token = await statusList();
      return {
        trustAnchors: [pki.root],
        now,
        nonce: TEST_NONCE,
        audience: TEST_AUDIENCE,
        acceptedTypes: [TEST_VCT],
        statusList: async () => token,
        ...overrides,
      };
    },
  };
}
