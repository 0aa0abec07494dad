import { WalletVerificationError } from '@civitas/wallet/errors.ts';
import { issueSdJwtVc } from '@civitas/wallet/sd-jwt/issue.ts';
import { presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import { verifySdJwtVcPresentation } from '@civitas/wallet/sd-jwt/verify.ts';
import { statusAt as cwtStatusAt, verifyStatusListCwt } from '@civitas/wallet/status-list/cwt.ts';
import { statusAt, verifyStatusListToken } from '@civitas/wallet/status-list/jwt.ts';
import { createTestPki } from '@civitas/wallet/trust/test-pki.ts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { licenceByPerson } from '../../../registers/index.ts';
import { createWalletTrust } from '../trust/service.ts';
import { type CopyDetails, createStatusLists, type StatusListsService } from './service.ts';

const JWT = 'application/statuslist+jwt';
let serial = 0;

describe.each(testDatabases())('the published status lists and revocation on $name', (engine) => {
  let platform: TestPlatform;
  let lists: StatusListsService;
  let anchors: readonly string[];
  let citizen: string;
  let other: string;
  let citizenToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 40, vehicles: 20 });
    lists = createStatusLists({ db: platform.database.db, publicUrl: platform.config.publicUrl });
    anchors = await createWalletTrust({ db: platform.database.db, config: platform.config }).trustAnchors();
    [citizen, other] = platform.seeded.demoPersons as [string, string];
    citizenToken = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), citizen, [
      'citizen',
    ]);
  });
  afterAll(() => platform?.close());

  function issue(overrides: Partial<CopyDetails> = {}) {
    serial += 1;
    return lists.allocate(platform.database.db, {
      credentialId: `it-${serial}`,
      format: 'dc+sd-jwt',
      subject: citizen,
      sources: [{ register: 'population-register', key: citizen }],
      ...overrides,
    });
  }

  async function fetchList(uri: string, headers: Record<string, string> = { accept: JWT }) {
    return platform.app.inject({ method: 'GET', url: new URL(uri).pathname, headers });
  }

  async function statusOf(reference: { uri: string; idx: number }) {
    const response = await fetchList(reference.uri);
    expect(response.statusCode).toBe(200);
    const token = await verifyStatusListToken(response.body, {
      trustAnchors: anchors,
      now: new Date(),
      uri: reference.uri,
    });
    return statusAt(token, reference.idx);
  }

  async function recordChange(register: string, key: string, subject: string | null, kind: string) {
    await sql`INSERT INTO registers.changes (register, record_key, subject, kind) VALUES (${register}, ${key}, ${subject}, ${kind})`.execute(
      platform.database.db,
    );
  }

  /** Polls the published list (as a verifier would) until the entry shows `expected`, for up to 5 s. */
  async function published(reference: { uri: string; idx: number }, expected: number) {
    const deadline = Date.now() + 5_000;
    let status = await statusOf(reference);
    while (status !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = await statusOf(reference);
    }
    return status;
  }

  it('publishes a signed statuslist+jwt that verifies with the trust anchors, with caching headers and 304', async () => {
    const reference = await issue();
    const response = await fetchList(reference.uri);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/statuslist\+jwt/);
    const token = await verifyStatusListToken(response.body, {
      trustAnchors: anchors,
      now: new Date(),
      uri: reference.uri,
    });
    expect(token.bits).toBe(2);
    expect(token.header.x5c).toHaveLength(1);
    expect(statusAt(token, reference.idx)).toBe(0);
    expect(response.headers['cache-control']).toBe(`public, max-age=${token.ttl}`);
    expect(token.exp! - token.iat).toBeGreaterThan(3600);
    const etag = response.headers.etag as string;
    expect(etag).toMatch(/^"jwt-/);
    const again = await fetchList(reference.uri, { accept: JWT, 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // The anchors are not the only thing checked: another PKI's anchor refuses the token.
    const foreign = await createTestPki();
    await expect(
      verifyStatusListToken(response.body, {
        trustAnchors: [foreign.root],
        now: new Date(),
        uri: reference.uri,
      }),
    ).rejects.toThrow(/not trusted/);
  });

  it('publishes an mdoc list as a statuslist+cwt (COSE_Sign1, x5chain) that verifies with the same anchors, and a JWT when asked', async () => {
    const licence = { register: 'driving-licences', key: `DL-CWT-${serial}` };
    const reference = await issue({ format: 'mso_mdoc', sources: [licence] });
    await lists.changeBySource(licence, 'suspend', 'licence-suspended');
    for (const headers of [{}, { accept: 'application/statuslist+cwt' }, { accept: '*/*' }] as Record<
      string,
      string
    >[]) {
      const response = await platform.app.inject({
        method: 'GET',
        url: new URL(reference.uri).pathname,
        headers,
      });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/statuslist+cwt');
      const token = await verifyStatusListCwt(new Uint8Array(response.rawPayload), {
        trustAnchors: anchors,
        now: new Date(),
        uri: reference.uri,
      });
      expect(cwtStatusAt(token, reference.idx)).toBe(2);
      expect(response.headers['cache-control']).toBe(`public, max-age=${token.ttl}`);
      const again = await platform.app.inject({
        method: 'GET',
        url: new URL(reference.uri).pathname,
        headers: { ...headers, 'if-none-match': response.headers.etag as string },
      });
      expect(again.statusCode).toBe(304);
    }
    // The same list as a JWT, by Accept (each representation has its own ETag).
    const jwt = await fetchList(reference.uri, { accept: `application/statuslist+cwt;q=0.5, ${JWT}` });
    expect(jwt.headers['content-type']).toMatch(/^application\/statuslist\+jwt/);
    expect(jwt.headers.vary).toMatch(/accept/i);
    expect(await statusOf(reference)).toBe(2);
  });

  it('keeps an SD-JWT VC signed before an issuer key rotation valid, checked through the published list, until it is revoked', async () => {
    const trust = createWalletTrust({ db: platform.database.db, config: platform.config });
    const device = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
      'sign',
      'verify',
    ]);
    const { x, y } = await crypto.subtle.exportKey('jwk', device.publicKey);
    const holder = platform.seeded.demoPersons[4]!;
    const reference = await issue({
      subject: holder,
      sources: [{ register: 'population-register', key: holder }],
    });
    const seconds = Math.floor(Date.now() / 1000);
    const signedBefore = await trust.issuerSigner();
    const credential = await issueSdJwtVc({
      issuer: 'https://civitas.example',
      vct: 'urn:eudi:pid:1',
      claims: { given_name: 'Ivan', age_equal_or_over: { '18': true } },
      disclosable: [['given_name'], ['age_equal_or_over', '18']],
      holder: { kty: 'EC', crv: 'P-256', x: x!, y: y! },
      status: reference,
      issuedAt: seconds - 5,
      expiresAt: seconds + 86_400,
      signer: signedBefore,
    });
    await trust.rotateIssuerKey();
    expect((await trust.issuerSigner()).x5c[0]).not.toBe(signedBefore.x5c[0]);
    const verify = async () => {
      const presentation = await presentSdJwtVc(credential, [['age_equal_or_over', '18']], {
        aud: 'x509_san_dns:shop.example',
        nonce: 'n-0123456789',
        iat: Math.floor(Date.now() / 1000),
        sign: async (data) =>
          new Uint8Array(
            await crypto.subtle.sign(
              { name: 'ECDSA', hash: 'SHA-256' },
              device.privateKey,
              data as Uint8Array<ArrayBuffer>,
            ),
          ),
      });
      return verifySdJwtVcPresentation(presentation, {
        trustAnchors: (
          (await platform.app.inject({ method: 'GET', url: '/wallet/trust' })).json() as {
            anchors: { certificate: string }[];
          }
        ).anchors.map((anchor) => anchor.certificate),
        now: new Date(),
        nonce: 'n-0123456789',
        audience: 'x509_san_dns:shop.example',
        statusList: async (uri) => (await fetchList(uri)).body,
        acceptedTypes: ['urn:eudi:pid:1'],
      });
    };
    const verified = await verify();
    expect(verified.status).toBe('valid');
    expect(verified.claims['age_equal_or_over.18']).toBe(true);
    await lists.revokeBySubject(holder, 'holder-report');
    const refused = await verify().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(WalletVerificationError);
    expect((refused as WalletVerificationError).code).toBe('credential-revoked');
  });

  it('re-signs at once after a change: the next fetch shows the revocation with a new ETag', async () => {
    const document = { register: 'identity-documents', key: `DOC-${serial}` };
    const reference = await issue({ sources: [document] });
    const before = await fetchList(reference.uri);
    expect(await lists.changeBySource(document, 'revoke', 'test')).toBe(1);
    const after = await fetchList(reference.uri, {
      accept: JWT,
      'if-none-match': before.headers.etag as string,
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(await statusOf(reference)).toBe(1);
  });

  it('answers 404 for an unknown or malformed list and 406 for an Accept it cannot serve', async () => {
    for (const url of [
      '/wallet/status/nothing-here',
      '/wallet/status/..%2F..%2Fetc',
      `/wallet/status/${'a'.repeat(80)}`,
    ]) {
      const response = await platform.app.inject({ method: 'GET', url, headers: { accept: JWT } });
      expect(response.statusCode, url).toBe(404);
      expect(response.json().code).toBe('status-list-not-found');
    }
    const reference = await issue();
    for (const accept of ['text/html', 'application/json', `${JWT};q=0`]) {
      const response = await fetchList(reference.uri, { accept });
      expect(response.statusCode, accept).toBe(406);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('not-acceptable');
    }
    const any = await fetchList(reference.uri, { accept: '*/*' });
    expect(any.headers['content-type']).toMatch(/^application\/statuslist\+jwt/);
  });

  it('suspends, restores and revokes through the registers’ change outbox within seconds', async () => {
    const licence = { register: 'driving-licences', key: `DL-${serial}` };
    const reference = await issue({ format: 'dc+sd-jwt', sources: [licence] });
    await recordChange(licence.register, licence.key, citizen, 'licence-suspended');
    expect(await published(reference, 2)).toBe(2);
    await recordChange(licence.register, licence.key, citizen, 'licence-restored');
    expect(await published(reference, 0)).toBe(0);
    await recordChange(licence.register, licence.key, citizen, 'licence-withdrawn');
    expect(await published(reference, 1)).toBe(1);
  });

  it('follows the police suspending and restoring a licence in the register (the real register change routes)', async () => {
    const police = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), other, [
      'citizen',
      'police',
    ]);
    let driver: string | undefined;
    let number: string | undefined;
    for (const person of platform.seeded.demoPersons.slice(5)) {
      const licence = await licenceByPerson(platform.database.db)(person);
      if (licence?.number) {
        [driver, number] = [person, licence.number];
        break;
      }
    }
    expect(number).toBeDefined();
    const mdl = await issue({
      subject: driver!,
      format: 'mso_mdoc',
      sources: [{ register: 'driving-licences', key: number! }],
    });
    const url = `/api/registers/driving-licences/${number}/suspension`;
    const headers = { authorization: `Bearer ${police}` };
    expect((await platform.app.inject({ method: 'POST', url, headers })).statusCode).toBe(200);
    expect(await published(mdl, 2)).toBe(2);
    expect((await platform.app.inject({ method: 'DELETE', url, headers })).statusCode).toBe(200);
    expect(await published(mdl, 0)).toBe(0);
  });

  it('revokes a vehicle registration certificate when the vehicle is re-registered', async () => {
    const vehicle = { register: 'vehicle-register', key: `WVWZZZ1JZXW${String(serial).padStart(6, '0')}` };
    const reference = await issue({ sources: [vehicle, { register: 'population-register', key: citizen }] });
    const unrelated = await issue({ sources: [{ register: 'vehicle-register', key: 'ANOTHER-VIN' }] });
    await recordChange(vehicle.register, vehicle.key, null, 'vehicle-reregistered');
    expect(await published(reference, 1)).toBe(1);
    expect(await statusOf(unrelated)).toBe(0);
  });

  it('revokes every credential of a person who died', async () => {
    const [deceased] = platform.seeded.demoPersons.slice(2) as [string];
    const pid = await issue({
      subject: deceased,
      sources: [{ register: 'population-register', key: deceased }],
    });
    const mdl = await issue({
      subject: deceased,
      sources: [{ register: 'driving-licences', key: `DL-X-${serial}` }],
    });
    const someoneElse = await issue({
      subject: other,
      sources: [{ register: 'population-register', key: other }],
    });
    await recordChange('population-register', deceased, deceased, 'person-deceased');
    expect(await published(pid, 1)).toBe(1);
    expect(await statusOf(mdl)).toBe(1);
    expect(await statusOf(someoneElse)).toBe(0);
  });

  it('lets the citizen report the phone lost: every valid copy of theirs revoked, idempotent, nobody else’s', async () => {
    const holder = platform.seeded.demoPersons[3]!;
    const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), holder, [
      'citizen',
    ]);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000);
    const mine = [
      await issue({ subject: holder, configuration: 'pid-sd-jwt', expiresAt }),
      await issue({ subject: holder, format: 'mso_mdoc', configuration: 'mdl', expiresAt }),
    ];
    const theirs = await issue({ subject: other });
    const headers = { authorization: `Bearer ${token}` };
    const listed = await platform.app.inject({ method: 'GET', url: '/api/wallet/credentials', headers });
    expect(listed.statusCode).toBe(200);
    expect(
      listed
        .json()
        .credentials.map((copy: { configuration: string; status: string }) => [
          copy.configuration,
          copy.status,
        ])
        .sort(),
    ).toEqual([
      ['mdl', 'valid'],
      ['pid-sd-jwt', 'valid'],
    ]);
    expect(JSON.stringify(listed.json())).not.toContain(holder);
    const report = await platform.app.inject({
      method: 'POST',
      url: '/api/wallet/credentials/revocation',
      headers,
    });
    expect(report.statusCode).toBe(200);
    expect(report.json().revoked).toBe(2);
    expect(report.json().credentials.every((copy: { status: string }) => copy.status === 'revoked')).toBe(
      true,
    );
    const repeated = await platform.app.inject({
      method: 'POST',
      url: '/api/wallet/credentials/revocation',
      headers,
    });
    expect(repeated.json().revoked).toBe(0);
    expect(await statusOf(mine[0]!)).toBe(1);
    expect(await statusOf(theirs)).toBe(0);
    const anonymous = await platform.app.inject({
      method: 'POST',
      url: '/api/wallet/credentials/revocation',
    });
    expect(anonymous.statusCode).toBe(401);
    const citizenList = await platform.app.inject({
      method: 'GET',
      url: '/api/wallet/credentials',
      headers: { authorization: `Bearer ${citizenToken}` },
    });
    expect(
      citizenList.json().credentials.every((copy: { id: string }) => !['pid-sd-jwt'].includes(copy.id)),
    ).toBe(true);
  });

  it('publishes the trust list with the anchors (DER and PEM), the issuer certificates and the list URIs, cacheable', async () => {
    const trust = createWalletTrust({ db: platform.database.db, config: platform.config });
    await trust.issuerSigner();
    const response = await platform.app.inject({ method: 'GET', url: '/wallet/trust' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.anchors.map((anchor: { certificate: string }) => anchor.certificate)).toEqual(anchors);
    expect(body.anchors[0].pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(body.verifierAnchors).toHaveLength(1);
    expect(body.issuerCertificates.length).toBeGreaterThanOrEqual(1);
    expect(body.statusLists.length).toBeGreaterThanOrEqual(1);
    expect(Number.isNaN(Date.parse(body.updatedAt))).toBe(false);
    expect(response.headers['cache-control']).toMatch(/^public, max-age=\d+$/);
    const again = await platform.app.inject({
      method: 'GET',
      url: '/wallet/trust',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
  });
});
