// SD-JWT VC presentation verification, ours against the library's reference path, same run and
// same presentation: issuer signature with its x5c chain to the anchor, KB-JWT (signature by
// cnf.jwk, aud, nonce, sd_hash), status from an in-memory JWT status list. One event loop, one
// verification at a time: figures are per core.
import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import { sdHasher } from '../../packages/wallet/src/sd-jwt/hash.ts';
import { issueSdJwtVc } from '../../packages/wallet/src/sd-jwt/issue.ts';
import { presentSdJwtVc } from '../../packages/wallet/src/sd-jwt/present.ts';
import { verifySdJwtVcPresentation } from '../../packages/wallet/src/sd-jwt/verify.ts';
import { buildStatusListToken } from '../../packages/wallet/src/status-list/jwt.ts';
import { fromBase64, fromBase64url, utf8 } from '../../packages/wallet/src/trust/encoding.ts';
import { createTestPki } from '../../packages/wallet/src/trust/test-pki.ts';

const ES256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const STATUS_URI = 'https://civitas.example/wallet/status/1';
const VCT = 'urn:eudi:pid:1';
const AUDIENCE = 'x509_san_dns:shop.example';
const NONCE = 'bench-nonce-0123456789';

export interface SdJwtVerifyFigures {
  ours: Rate;
  reference: Rate;
}

async function fixture() {
  const now = new Date();
  const seconds = Math.floor(now.getTime() / 1000);
  const pki = await createTestPki({ now, intermediate: true });
  const device = await crypto.subtle.generateKey(P256, false, ['sign', 'verify']);
  const { x, y } = await crypto.subtle.exportKey('jwk', device.publicKey);
  const claims = {
    family_name: 'Petrova',
    given_name: 'Maria',
    birthdate: '1990-04-12',
    place_of_birth: { locality: 'Plovdiv', country: 'BG' },
    nationalities: ['BG'],
    age_equal_or_over: { '14': true, '16': true, '18': true, '21': true, '65': false },
    age_in_years: 36,
    issuing_country: 'BG',
  };
  const disclosable = [
    ['family_name'],
    ['given_name'],
    ['birthdate'],
    ['place_of_birth'],
    ['nationalities'],
    ['age_in_years'],
    ...Object.keys(claims.age_equal_or_over).map((age) => ['age_equal_or_over', age]),
  ];
  const credential = await issueSdJwtVc({
    issuer: 'https://civitas.example',
    vct: VCT,
    claims,
    disclosable,
    holder: { kty: 'EC', crv: 'P-256', x: x as string, y: y as string },
    status: { uri: STATUS_URI, idx: 4711 },
    issuedAt: seconds,
    expiresAt: seconds + 86_400,
    signer: pki.signer,
  });
  const sign = async (data: Uint8Array) =>
    new Uint8Array(await crypto.subtle.sign(ES256, device.privateKey, data as Uint8Array<ArrayBuffer>));
  const presentation = await presentSdJwtVc(credential, [['age_equal_or_over', '18'], ['given_name']], {
    aud: AUDIENCE,
    nonce: NONCE,
    iat: seconds,
    sign,
  });
  const statuses = new Uint8Array(100_000);
  const statusList = await buildStatusListToken({
    uri: STATUS_URI,
    statuses,
    bits: 2,
    issuedAt: seconds,
    expiresAt: seconds + 3600,
    ttl: 300,
    signer: pki.signer,
  });
  return { now, pki, presentation, statusList };
}

/** The library's path: SDJwtVcInstance.verify with KB, a verifier callback that checks the x5c chain. */
function referenceInstance(root: x509.X509Certificate, statusList: string) {
  const verifyJws = async (data: string, signature: string) => {
    const header = JSON.parse(new TextDecoder().decode(fromBase64url(data.split('.')[0] as string)));
    const chain = (header.x5c as string[]).map((entry) => new x509.X509Certificate(fromBase64(entry)));
    for (let i = 0; i < chain.length; i++) {
      const parent = chain[i + 1] ?? root;
      if (!(await chain[i]!.verify({ publicKey: parent, date: new Date() }, crypto))) return false;
    }
    const key = await chain[0]!.publicKey.export(P256, ['verify'], crypto);
    return crypto.subtle.verify(ES256, key, fromBase64url(signature), utf8(data));
  };
  return new SDJwtVcInstance({
    hasher: sdHasher,
    verifier: verifyJws,
    statusListFetcher: async () => statusList,
    kbVerifier: async (data, signature, payload) => {
      const jwk = (payload.cnf as { jwk: { kty: string; crv: string; x: string; y: string } }).jwk;
      const key = await crypto.subtle.importKey('jwk', jwk, P256, false, ['verify']);
      const kb = JSON.parse(new TextDecoder().decode(fromBase64url(data.split('.')[1] as string)));
      if (kb.aud !== AUDIENCE) return false;
      return crypto.subtle.verify(ES256, key, fromBase64url(signature), utf8(data));
    },
  });
}

export interface Rate {
  /** Verifications per second of CPU time used by the process (its event loop and the libuv
   * threads WebCrypto runs on): the per-core figure, whatever else the machine is doing. */
  perCpuSecond: number;
  /** Verifications per second of wall time, one at a time on one event loop. */
  perWallSecond: number;
}

async function rate(work: () => Promise<unknown>, seconds: number): Promise<Rate> {
  for (let i = 0; i < 200; i++) await work(); // warm-up: JIT, caches
  const cpu = process.cpuUsage();
  const start = performance.now();
  let count = 0;
  while (performance.now() - start < seconds * 1000) {
    await work();
    count++;
  }
  const wall = (performance.now() - start) / 1000;
  const used = process.cpuUsage(cpu);
  return { perCpuSecond: count / ((used.user + used.system) / 1e6), perWallSecond: count / wall };
}

export async function runSdJwtVerify(
  seconds = Number(process.env.BENCH_WALLET_SECONDS ?? 5),
): Promise<SdJwtVerifyFigures> {
  const { now, pki, presentation, statusList } = await fixture();
  const context = {
    trustAnchors: [pki.root],
    now,
    nonce: NONCE,
    audience: AUDIENCE,
    acceptedTypes: [VCT],
    statusList: async () => statusList,
  };
  const checked = await verifySdJwtVcPresentation(presentation, context);
  if (checked.status !== 'valid' || checked.claims['age_equal_or_over.18'] !== true)
    throw new Error('our verify failed');
  const reference = referenceInstance(new x509.X509Certificate(fromBase64(pki.root)), statusList);
  const options = { keyBindingNonce: NONCE, currentDate: Math.floor(now.getTime() / 1000) };
  await reference.verify(presentation, options); // throws if the reference path refuses it
  const ours = await rate(() => verifySdJwtVcPresentation(presentation, context), seconds);
  const referenceRate = await rate(() => reference.verify(presentation, options), seconds);
  return { ours, reference: referenceRate };
}
