import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { decodeMdoc } from '@civitas/wallet/mdoc/decode.ts';
import { decodeSdJwtVc, presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import { verifySdJwtVcPresentation } from '@civitas/wallet/sd-jwt/verify.ts';
import type { InjectOptions } from 'fastify';
import { calculateJwkThumbprint, compactVerify, importX509 } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { HolderKey } from '../../../../test/wallet-holder.ts';
import { tablesOf } from '../../../db/index.ts';
import { ExchangeClient } from '../../../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { registerSamples, vehicleQueries } from '../../../registers/index.ts';
import { walletParts } from '../parts-wiring.ts';
import { IssuerNonces } from './nonces.ts';
import { issueCredentials } from './service.ts';
import type { IssuerTables } from './tables.ts';

const PRE_AUTHORIZED = 'urn:ietf:params:oauth:grant-type:pre-authorized_code';
type Reply = { statusCode: number; body: string; json(): any };

/** The SD-JWT's issuer signature, checked with the leaf certificate of its own x5c. */
async function expectSignedByX5c(credential: string): Promise<string[]> {
  const jwt = credential.split('~')[0]!;
  const header = JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString()) as { x5c: string[] };
  const pem = `-----BEGIN CERTIFICATE-----\n${header.x5c[0]}\n-----END CERTIFICATE-----`;
  await compactVerify(jwt, await importX509(pem, 'ES256'));
  return header.x5c;
}

describe.each(testDatabases())('issuing wallet credentials end to end on $name', (engine) => {
  let platform: TestPlatform;
  let issuer: string;
  let citizen: string;
  let officialToken: string;

  beforeAll(async () => {
    platform = await startTestPlatform(engine, {
      persons: 80,
      vehicles: 40,
      env: { CIVITAS_PUBLIC_URL: 'https://civitas.test' },
    });
    issuer = platform.config.publicUrl;
    const [first, second] = platform.seeded.demoPersons as [string, string];
    citizen = first;
    officialToken = await issueScriptingToken(platform.keys, eidIssuer(issuer), second, [
      'citizen',
      'official',
    ]);
  });
  afterAll(() => platform?.close());

  const partsOf = () =>
    walletParts({
      db: platform.database.db,
      config: platform.config,
      exchange: new ExchangeClient(platform.app.exchange, platform.app.instance.clients.wallet),
      audit: platform.app.auditLog,
      keys: platform.keys,
    });
  const inject = (options: InjectOptions) => platform.app.inject(options) as unknown as Promise<Reply>;
  const issued = () =>
    tablesOf<IssuerTables>(platform.database.db)
      .selectFrom('wallet.issued_credentials')
      .selectAll()
      .where('subject', '=', citizen)
      .execute();

  async function preAuthorizedToken(configurationId: string, vin?: string): Promise<string> {
    const offer = await inject({
      method: 'POST',
      url: '/api/wallet/offers',
      headers: { authorization: `Bearer ${officialToken}` },
      payload: { personalNumber: citizen, configurationId, ...(vin && { vin }) },
    });
    expect(offer.statusCode, offer.body).toBe(200);
    const { offerUri, txCode } = offer.json();
    const json = JSON.parse(decodeURIComponent(offerUri.split('credential_offer=')[1]));
    const form = new URLSearchParams({
      grant_type: PRE_AUTHORIZED,
      'pre-authorized_code': json.grants[PRE_AUTHORIZED]['pre-authorized_code'],
      tx_code: txCode,
    });
    const token = await inject({
      method: 'POST',
      url: '/api/wallet/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: form.toString(),
    });
    expect(token.statusCode, token.body).toBe(200);
    return token.json().access_token;
  }

  async function request(accessToken: string, configurationId: string, holders: HolderKey[]) {
    const nonce = (await inject({ method: 'POST', url: '/api/wallet/nonce' })).json().c_nonce;
    const jwt = await Promise.all(holders.map((holder) => holder.proof(issuer, nonce)));
    return inject({
      method: 'POST',
      url: '/api/wallet/credential',
      headers: { authorization: `Bearer ${accessToken}` },
      payload: { credential_configuration_id: configurationId, proofs: { jwt } },
    });
  }

  it('issues an EHIC over a desk offer: one copy per device key, each signed with x5c and recorded', async () => {
    const accessToken = await preAuthorizedToken('ehic');
    const holders = [await HolderKey.generate(), await HolderKey.generate()];
    const response = await request(accessToken, 'ehic', holders);
    expect(response.statusCode, response.body).toBe(200);
    const { credentials } = response.json() as { credentials: Array<{ credential: string }> };
    expect(credentials).toHaveLength(2);

    const decoded = credentials.map(({ credential }) => decodeSdJwtVc(credential));
    const signer = await partsOf().trust.issuerSigner();
    for (const [i, copy] of decoded.entries()) {
      expect(copy.vct).toBe(credentialConfiguration('ehic')!.vct);
      expect(copy.issuer).toBe(issuer);
      expect(copy.header.typ).toBe('dc+sd-jwt');
      expect(copy.holder).toMatchObject({ x: holders[i]!.publicJwk.x, y: holders[i]!.publicJwk.y });
      expect(copy.claims).toMatchObject({ personal_administrative_number: citizen });
      expect(copy.disclosable).toContainEqual(['family_name']);
      expect(copy.expiresAt! - copy.issuedAt!).toBeLessThanOrEqual(365 * 86_400);
      expect(await expectSignedByX5c(credentials[i]!.credential)).toEqual([...signer.x5c]);
    }
    // Two copies, two status entries: they cannot be linked by their status index.
    expect(new Set(decoded.map((copy) => `${copy.status!.uri}#${copy.status!.idx}`)).size).toBe(2);

    const rows = await issued();
    expect(rows).toHaveLength(2);
    const thumbprints = await Promise.all(holders.map((holder) => calculateJwkThumbprint(holder.publicJwk)));
    expect(rows.map((row) => row.holder_key_thumbprint).sort()).toEqual(thumbprints.sort());
    expect(new Set(rows.map((row) => row.case_ref)).size).toBe(1);
    expect(rows.map((row) => row.status_idx).sort()).toEqual(decoded.map((copy) => copy.status!.idx).sort());
    // The holder's list of copies (the status part's) names the configuration and the expiry.
    const copies = await partsOf().status.copiesOf(citizen);
    const ids = new Set(rows.map((row) => row.id));
    const mine = copies.filter((copy) => ids.has(copy.credentialId));
    expect(mine).toHaveLength(2);
    for (const copy of mine) {
      expect(copy).toMatchObject({ configuration: 'ehic', status: 'valid' });
      expect(copy.expiresAt?.getTime()).toBe(rows[0]!.expires_at.getTime());
    }
  });

  it('issues a copy that the verifier accepts: chain to the wallet anchor, key binding, the published status', async () => {
    const accessToken = await preAuthorizedToken('ehic');
    const holder = await HolderKey.generate();
    const response = await request(accessToken, 'ehic', [holder]);
    expect(response.statusCode, response.body).toBe(200);
    const credential = response.json().credentials[0].credential as string;
    const presentation = await presentSdJwtVc(credential, [['family_name']], {
      aud: 'x509_san_dns:shop.example',
      nonce: 'verifier-nonce-1',
      iat: Math.floor(Date.now() / 1000),
      sign: async (data) =>
        new Uint8Array(
          await crypto.subtle.sign(
            { name: 'ECDSA', hash: 'SHA-256' },
            holder.privateKey,
            data as Uint8Array<ArrayBuffer>,
          ),
        ),
    });
    const verified = await verifySdJwtVcPresentation(presentation, {
      trustAnchors: await partsOf().trust.trustAnchors(),
      now: new Date(),
      nonce: 'verifier-nonce-1',
      audience: 'x509_san_dns:shop.example',
      acceptedTypes: [credentialConfiguration('ehic')!.vct!],
      statusList: async (uri) => {
        const list = await inject({ method: 'GET', url: new URL(uri).pathname });
        expect(list.statusCode).toBe(200);
        return list.body;
      },
    });
    expect(verified.status).toBe('valid');
    expect(Object.keys(verified.claims)).toContain('family_name');
    expect(Object.keys(verified.claims)).not.toContain('personal_administrative_number');
  });

  it('issues a vehicle registration for the VIN on the offer, as mdoc-free SD-JWT VC', async () => {
    const [own] = await vehicleQueries(platform.database.db).byCurrentOwner(citizen);
    expect(own).toBeDefined();
    const accessToken = await preAuthorizedToken('vehicle-registration', own!.vin);
    const response = await request(accessToken, 'vehicle-registration', [await HolderKey.generate()]);
    expect(response.statusCode, response.body).toBe(200);
    const copy = decodeSdJwtVc(response.json().credentials[0].credential);
    expect(copy.claims).toMatchObject({ vin: own!.vin, plate: own!.plate });
  });

  it('issues a PID to a person without a photo on record (a child without an identity card)', async () => {
    const { source } = partsOf();
    let subject: string | undefined;
    for (const candidate of await registerSamples(platform.database.db).livingPersons(0, 80)) {
      const pid = await source.claimsFor('pid-sd-jwt', candidate, {
        caseRef: 'probe',
        log: platform.app.log,
      });
      if (!('picture' in pid.claims)) {
        subject = candidate;
        break;
      }
    }
    expect(subject).toBeDefined();
    const nonces = new IssuerNonces(platform.database.db);
    const holder = await HolderKey.generate();
    const { nonce } = await nonces.issue();
    const answer = await issueCredentials(
      { db: platform.database.db, issuer, nonces, ...partsOf() },
      { subject: subject!, configurationIds: ['pid-sd-jwt'], vin: null },
      { credential_configuration_id: 'pid-sd-jwt', proofs: { jwt: [await holder.proof(issuer, nonce)] } },
      platform.app.log,
    );
    const copy = decodeSdJwtVc(answer.credentials[0]!.credential);
    expect(copy.claims).toMatchObject({ personal_administrative_number: subject });
    expect(copy.disclosable).not.toContainEqual(['picture']);
    expect(copy.disclosable).toContainEqual(['age_equal_or_over', '18']);
  });

  it("records the register reads in the citizen's data usage, for credential issuance", async () => {
    const citizenToken = await issueScriptingToken(platform.keys, eidIssuer(issuer), citizen, ['citizen']);
    const usage = await inject({
      method: 'GET',
      url: '/api/me/data-usage?limit=500',
      headers: { authorization: `Bearer ${citizenToken}` },
    });
    expect(usage.statusCode).toBe(200);
    const items = (usage.json().items as Array<{ purpose: string; caseRef: string }>).filter(
      (item) => item.purpose === 'credential-issuance',
    );
    const caseRefs = new Set((await issued()).map((row) => row.case_ref));
    expect(caseRefs.size).toBeGreaterThanOrEqual(3);
    for (const caseRef of caseRefs) expect(items.map((item) => item.caseRef)).toContain(caseRef);
  });

  it('writes nothing when signing a copy fails half-way through a batch', async () => {
    const parts = partsOf();
    let signed = 0;
    const nonces = new IssuerNonces(platform.database.db);
    const before = (await issued()).length;
    const copiesBefore = (await parts.status.copiesOf(citizen)).length;
    const holders = [await HolderKey.generate(), await HolderKey.generate()];
    const { nonce } = await nonces.issue();
    const failing = issueCredentials(
      {
        db: platform.database.db,
        issuer,
        nonces,
        ...parts,
        signers: {
          ...parts.signers,
          sdJwtVc: async (input) => {
            if (++signed === 2) throw new Error('the signing device went away');
            return parts.signers.sdJwtVc(input);
          },
        },
      },
      { subject: citizen, configurationIds: ['ehic'], vin: null },
      {
        credential_configuration_id: 'ehic',
        proofs: { jwt: await Promise.all(holders.map((h) => h.proof(issuer, nonce))) },
      },
      platform.app.log,
    );
    await expect(failing).rejects.toThrow('the signing device went away');
    expect(signed).toBe(2);
    expect(await issued()).toHaveLength(before);
    expect(await parts.status.copiesOf(citizen)).toHaveLength(copiesBefore);
  });

  it('issues the PID as mdoc with the device key and a status reference', async () => {
    const parts = partsOf();
    const nonces = new IssuerNonces(platform.database.db);
    const holder = await HolderKey.generate();
    const { nonce } = await nonces.issue();
    const answer = await issueCredentials(
      { db: platform.database.db, issuer, nonces, ...parts },
      { subject: citizen, configurationIds: ['pid-mdoc', 'mdl'], vin: null },
      { credential_configuration_id: 'pid-mdoc', proofs: { jwt: [await holder.proof(issuer, nonce)] } },
      platform.app.log,
    );
    const mdoc = decodeMdoc(answer.credentials[0]!.credential);
    expect(mdoc.docType).toBe('eu.europa.ec.eudi.pid.1');
    expect(mdoc.claims['eu.europa.ec.eudi.pid.1.personal_administrative_number']).toBe(citizen);
    expect(mdoc.claims['eu.europa.ec.eudi.pid.1.age_over_18']).toBeTypeOf('boolean');
    expect(mdoc.status).not.toBeNull();
  });
});
