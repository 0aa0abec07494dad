import type { webcrypto } from 'node:crypto';
import { LOA_LOW, LOA_SUBSTANTIAL } from '@civitas/contracts/api/passkeys.ts';
import { importJWK, SignJWT } from 'jose';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { exchangeLogs } from '../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';
import { signJades } from './jades.ts';
import { createPlatformSigning } from './platform.ts';
import type { SigningService } from './service.ts';
import { EC_KEY, ES256, x509 } from './x509.ts';

/** A PKCS#10 request for a new key, as the browser makes it (@peculiar/x509 over WebCrypto). */
async function csrFor(
  keys: webcrypto.CryptoKeyPair,
  algorithm: webcrypto.EcKeyGenParams = EC_KEY,
): Promise<string> {
  const request = await x509.Pkcs10CertificateRequestGenerator.create({
    name: 'CN=Civitas signing key',
    keys,
    signingAlgorithm: { name: 'ECDSA', hash: algorithm.namedCurve === 'P-384' ? 'SHA-384' : 'SHA-256' },
  });
  return request.toString('pem');
}

function newKey(algorithm: webcrypto.EcKeyGenParams = EC_KEY): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(algorithm, false, ['sign', 'verify']);
}

describe.each(testDatabases())('the signing API on $name', (engine) => {
  let platform: TestPlatform;
  let ivan: string;
  let maria: string;
  let signing: SigningService;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    [ivan, maria] = platform.seeded.demoPersons as [string, string];
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.ivan = await issueScriptingToken(platform.keys, issuer, ivan, ['citizen']);
    tokens.maria = await issueScriptingToken(platform.keys, issuer, maria, ['citizen']);
    // A session that began with a synchronised passkey ("low"), as the eID node would record it.
    const key = await importJWK(platform.keys.signingJwk, 'ES256');
    const withAcr = (acr: string) =>
      new SignJWT({ client_id: 'civitas-cli', scope: 'openid profile', roles: ['citizen'], acr })
        .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: platform.keys.signingJwk.kid })
        .setIssuer(issuer)
        .setSubject(ivan)
        .setAudience('urn:civitas:api')
        .setIssuedAt()
        .setExpirationTime('10m')
        .setJti(crypto.randomUUID())
        .sign(key);
    tokens.low = await withAcr(LOA_LOW);
    tokens.pin = await withAcr(LOA_SUBSTANTIAL);
    // The same CA as the platform's: the same database and key directory.
    signing = createPlatformSigning({
      db: platform.database.db,
      keyDir: platform.config.keyDir,
      catalogue: platform.app.instance.catalogue,
      portalClient: platform.app.instance.clients.portal,
    });
  });
  afterAll(() => platform?.close());

  const issue = (as: string, csr: string) =>
    platform.app.inject({
      method: 'POST',
      url: '/api/signing/certificates',
      headers: { authorization: `Bearer ${tokens[as]}` },
      payload: { csr },
    });
  const validate = (payload: unknown, contentType = 'application/json') =>
    platform.app.inject({
      method: 'POST',
      url: '/api/signatures/validate',
      headers: { 'content-type': contentType },
      payload: payload as string,
    });

  it("issues a certificate in the register's name, reading it through the exchange for the signing purpose; the holder lists it", async () => {
    const keys = await newKey();
    const response = await issue('pin', await csrFor(keys));
    expect(response.statusCode, response.body).toBe(201);
    const issued = response.json();
    const me = (
      await platform.app.inject({
        method: 'GET',
        url: '/api/me',
        headers: { authorization: `Bearer ${tokens.ivan}` },
      })
    ).json();
    expect(issued.name).toBe(`${me.name.given} ${me.name.family}`);
    expect(issued.chain).toHaveLength(2);
    const leaf = new x509.X509Certificate(Buffer.from(issued.chain[0], 'base64'));
    expect(leaf.subjectName.getField('2.5.4.5')).toEqual([`PNOBG-${ivan}`]);
    const asked = (await exchangeLogs(platform.database.db).messages.readAfter(0, 100_000)).filter(
      (row) => row.side === 'consumer' && row.purpose === 'signing-certificate-issuance',
    );
    expect(asked.length).toBeGreaterThan(0);
    const list = await platform.app.inject({
      method: 'GET',
      url: '/api/signing/certificates',
      headers: { authorization: `Bearer ${tokens.ivan}` },
    });
    expect(list.json().items.map((item: { serial: string }) => item.serial)).toContain(issued.serial);
    const theirs = await platform.app.inject({
      method: 'GET',
      url: '/api/signing/certificates',
      headers: { authorization: `Bearer ${tokens.maria}` },
    });
    expect(theirs.json().items.map((item: { serial: string }) => item.serial)).not.toContain(issued.serial);
  });

  it('refuses without an eID sign-in, and for a session below the eID PIN level', async () => {
    const csr = await csrFor(await newKey());
    const anonymous = await platform.app.inject({
      method: 'POST',
      url: '/api/signing/certificates',
      payload: { csr },
    });
    expect(anonymous.statusCode).toBe(401);
    const low = await issue('low', csr);
    expect(low.statusCode).toBe(403);
    expect(low.json().code).toBe('signing-assurance-too-low');
  });

  it('refuses a key already certified for another person, malformed DER, a wrong curve, and a request its key did not sign', async () => {
    const keys = await newKey();
    const csr = await csrFor(keys);
    expect((await issue('ivan', csr)).statusCode).toBe(201);
    // Ivan may renew with the same key; Maria may not have it certified as hers.
    expect((await issue('ivan', csr)).statusCode).toBe(201);
    const stolen = await issue('maria', csr);
    expect(stolen.statusCode).toBe(409);
    expect(stolen.json().code).toBe('signing-key-certified-for-another');

    for (const malformed of ['not base64 at all!', Buffer.from('hello').toString('base64'), 'AAAA']) {
      const response = await issue('ivan', malformed);
      expect(response.statusCode, malformed).toBe(400);
      expect(response.json().code).toBe('signing-csr-malformed');
    }
    expect((await issue('ivan', 'MII\u0000AA')).json().code).toBe('control-character');
    const wrongCurve = await issue(
      'ivan',
      await csrFor(await newKey({ name: 'ECDSA', namedCurve: 'P-384' }), {
        name: 'ECDSA',
        namedCurve: 'P-384',
      }),
    );
    expect(wrongCurve.json().code).toBe('signing-csr-key-unsupported');

    const der = Buffer.from(x509.PemConverter.decodeFirst(await csrFor(await newKey())));
    der[der.length - 5] = der[der.length - 5]! ^ 0x01;
    const unsigned = await issue('ivan', der.toString('base64'));
    expect(unsigned.statusCode).toBe(400);
    expect(['signing-csr-signature-invalid', 'signing-csr-malformed']).toContain(unsigned.json().code);
  });

  it('validates a citizen-signed JWS publicly: valid, by whose name, when; never the personal number', async () => {
    const keys = await newKey();
    const issued = (await issue('ivan', await csrFor(keys))).json();
    const jws = await signJades({ application: 'a-1' }, keys.privateKey, issued.chain, new Date());
    const response = await validate({ jws });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      valid: true,
      format: 'jades',
      signer: { kind: 'person', name: issued.name },
      certificate: { serial: issued.serial },
    });
    expect(response.body).not.toContain(ivan);

    const [h, , s] = jws.split('.');
    const tampered = Buffer.from(JSON.stringify({ application: 'a-2' })).toString('base64url');
    expect((await validate({ jws: `${h}.${tampered}.${s}` })).json()).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
    expect((await validate({ jws: 'abc' })).json()).toMatchObject({
      valid: false,
      code: 'signature-invalid',
    });
  });

  it('validates a sealed PDF upload, and refuses a malformed or an oversized one', async () => {
    const document = await PDFDocument.create();
    document.addPage();
    const sealed = await signing.sealPdf(
      await document.save(),
      { id: 'municipal-administration', name: 'Столична община' },
      'Decision',
    );
    const response = await validate(Buffer.from(sealed), 'application/pdf');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      valid: true,
      format: 'pades',
      signer: { kind: 'seal', administration: 'municipal-administration', name: 'Столична община' },
    });
    const malformed = await validate(Buffer.from('%PDF-1.7\nnot really'), 'application/pdf');
    expect(malformed.statusCode).toBe(200);
    expect(malformed.json()).toMatchObject({ valid: false, code: 'signature-invalid' });
    const notPdf = await validate(Buffer.from('GIF89a...'), 'application/pdf');
    expect(notPdf.statusCode).toBe(400);
    expect(notPdf.json().code).toBe('signing-document-malformed');
    const huge = await validate(Buffer.alloc(10 * 1024 * 1024 + 1, 0x20), 'application/pdf');
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('payload-too-large');
  });

  it('answers with an ES256 key the certificate certifies (the browser-side signature format)', async () => {
    const keys = await newKey();
    const issued = (await issue('ivan', await csrFor(keys))).json();
    const leaf = new x509.X509Certificate(Buffer.from(issued.chain[0], 'base64'));
    const data = new TextEncoder().encode('x');
    const signature = await crypto.subtle.sign(ES256, keys.privateKey, data);
    expect(
      await crypto.subtle.verify(ES256, await leaf.publicKey.export(EC_KEY, ['verify']), signature, data),
    ).toBe(true);
  });
});
