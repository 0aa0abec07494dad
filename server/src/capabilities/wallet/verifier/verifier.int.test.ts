import type { PublicJwk, X509Signer } from '@civitas/wallet/formats.ts';
import { issueMdoc } from '@civitas/wallet/mdoc/issue.ts';
import { presentMdoc } from '@civitas/wallet/mdoc/present.ts';
import { openId4VpSessionTranscript } from '@civitas/wallet/mdoc/session-transcript.ts';
import {
  createHolder,
  MDL,
  MDL_NS,
  STATUS_URI as MDOC_STATUS_URI,
  mdlInput,
  statusListCwt,
} from '@civitas/wallet/mdoc/test-fixtures.ts';
import {
  encryptAuthorizationResponse,
  encryptionKeyThumbprint,
  type RequestObjectClaims,
  verifyRequestObject,
} from '@civitas/wallet/openid4vp/index.ts';
import { issueSdJwtVc } from '@civitas/wallet/sd-jwt/issue.ts';
import { presentSdJwtVc } from '@civitas/wallet/sd-jwt/present.ts';
import { buildStatusListToken } from '@civitas/wallet/status-list/jwt.ts';
import { createTestPki, type TestPki } from '@civitas/wallet/trust/test-pki.ts';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { tablesOf } from '../../../db/index.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';
import { AppError } from '../../../kernel/index.ts';
import { createWalletTrust, type WalletTrustService } from '../trust/service.ts';
import { VerifierRegistry } from './registry.ts';
import { receiveResponse } from './response.ts';
import { PRESENTATION_CHECKERS } from './routes.ts';
import { VerificationTransactions } from './service.ts';
import type { VerifierTables } from './tables.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;
const STATUS_URI = 'https://status.civitas.test/wallet/status/1';
type Reply = { statusCode: number; headers: Record<string, unknown>; body: string; json(): any };

interface Holder {
  jwk: PublicJwk;
  sign(data: Uint8Array): Promise<Uint8Array>;
}

async function newHolder(): Promise<Holder> {
  const keys = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ]);
  const { x, y } = await crypto.subtle.exportKey('jwk', keys.publicKey);
  return {
    jwk: { kty: 'EC', crv: 'P-256', x: x as string, y: y as string },
    sign: async (data) =>
      new Uint8Array(
        await crypto.subtle.sign(
          { name: 'ECDSA', hash: 'SHA-256' },
          keys.privateKey,
          data as Uint8Array<ArrayBuffer>,
        ),
      ),
  };
}

const PID = {
  family_name: 'Иванова',
  given_name: 'Мария',
  birthdate: '1990-03-04',
  picture: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==',
  nationalities: ['BG'],
  age_equal_or_over: { '18': true, '21': true },
};
const PID_DISCLOSABLE = [
  ['family_name'],
  ['given_name'],
  ['birthdate'],
  ['picture'],
  ['nationalities'],
  ['age_equal_or_over', '18'],
  ['age_equal_or_over', '21'],
];

describe.each(testDatabases())('the wallet verifier (OpenID4VP) on $name', (engine) => {
  let platform: TestPlatform;
  let trust: WalletTrustService;
  let tokens: Record<'pharmacist' | 'police' | 'citizen' | 'otherPharmacist', string>;
  let holder: Holder;
  let statuses: number[];
  let statusSigner: X509Signer;
  const mdocStatuses: Record<number, number> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine, { persons: 40, vehicles: 10 });
    const eid = eidIssuer(platform.config.publicUrl);
    const [a, b, c, d] = platform.seeded.demoPersons as [string, string, string, string];
    tokens = {
      pharmacist: await issueScriptingToken(platform.keys, eid, a, ['citizen', 'pharmacist']),
      otherPharmacist: await issueScriptingToken(platform.keys, eid, b, ['citizen', 'pharmacist']),
      police: await issueScriptingToken(platform.keys, eid, c, ['citizen', 'police']),
      citizen: await issueScriptingToken(platform.keys, eid, d, ['citizen']),
    };
    trust = createWalletTrust({ db: platform.database.db, config: platform.config });
    holder = await newHolder();
    statuses = new Array(16).fill(0);
    statusSigner = await trust.statusListSigner();
  });
  afterAll(() => platform?.close());

  const inject = (options: InjectOptions) => platform.app.inject(options) as unknown as Promise<Reply>;

  function expectProblem(response: Reply, status: number, code: string) {
    expect(response.body).not.toMatch(STACK_TRACE);
    expect(response.statusCode, response.body).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json().code).toBe(code);
  }

  async function start(who: keyof typeof tokens, check: string) {
    return inject({
      method: 'POST',
      url: '/api/wallet/verifications',
      headers: { authorization: `Bearer ${tokens[who]}` },
      payload: { check },
    });
  }

  /** Starts a check and resolves its request object as a wallet does (request_uri, JAR checks). */
  async function transaction(who: keyof typeof tokens = 'pharmacist', check = 'over-18') {
    const started = await start(who, check);
    expect(started.statusCode, started.body).toBe(201);
    const link = new URL(started.json().link);
    const requestUri = new URL(link.searchParams.get('request_uri') as string);
    const jar = await inject({ method: 'GET', url: requestUri.pathname });
    expect(jar.statusCode, jar.body).toBe(200);
    expect(jar.headers['content-type']).toMatch(/^application\/oauth-authz-req\+jwt/);
    const claims = await verifyRequestObject(jar.body, {
      trustAnchors: await trust.verifierAnchors(),
      now: new Date(),
      clientId: link.searchParams.get('client_id') as string,
    });
    return { id: started.json().id as string, claims, jar: jar.body };
  }

  async function pid(signer?: X509Signer, idx = 0) {
    const now = Math.floor(Date.now() / 1000);
    return issueSdJwtVc({
      issuer: 'https://civitas.test',
      vct: 'urn:eudi:pid:1',
      claims: PID,
      disclosable: PID_DISCLOSABLE,
      holder: holder.jwk,
      status: { uri: STATUS_URI, idx },
      issuedAt: now - 60,
      expiresAt: now + 86_400,
      signer: signer ?? (await trust.issuerSigner()),
    });
  }

  function present(
    credential: string,
    claims: RequestObjectClaims,
    disclose = [['age_equal_or_over', '18']],
    kb = {},
  ) {
    return presentSdJwtVc(credential, disclose, {
      aud: claims.client_id,
      nonce: claims.nonce,
      iat: Math.floor(Date.now() / 1000),
      sign: holder.sign,
      ...kb,
    });
  }

  async function respond(id: string, claims: RequestObjectClaims, presentation: string, queryId = 'pid') {
    const jwe = await encryptAuthorizationResponse(
      { vp_token: { [queryId]: [presentation] }, state: claims.state },
      claims,
    );
    const db = tablesOf<VerifierTables>(platform.database.db);
    const registry = new VerifierRegistry(db, trust);
    const deps = {
      db,
      registry,
      transactions: new VerificationTransactions(db, registry, platform.config.publicUrl),
      checkers: PRESENTATION_CHECKERS,
      trustAnchors: () => trust.trustAnchors(),
      statusList: async (uri: string) => {
        if (uri === MDOC_STATUS_URI)
          return statusListCwt({ signer: statusSigner } as TestPki, new Date(), mdocStatuses);
        expect(uri).toBe(STATUS_URI);
        const now = Math.floor(Date.now() / 1000);
        return buildStatusListToken({ uri, statuses, bits: 2, issuedAt: now, signer: statusSigner });
      },
    };
    return receiveResponse(deps, id, jwe, claims.response_uri).then(
      (result) => ({ result, code: null }),
      (error: unknown) => {
        if (error instanceof AppError) return { result: null, code: error.code };
        throw error;
      },
    );
  }

  async function stateOf(id: string, who: keyof typeof tokens = 'pharmacist') {
    return inject({
      method: 'GET',
      url: `/api/wallet/verifications/${id}`,
      headers: { authorization: `Bearer ${tokens[who]}` },
    });
  }

  it('a shop asks "over 18": the signed request names the verifier, and only the age claim reaches the screen', async () => {
    const { id, claims } = await transaction();
    expect(claims.client_id).toBe('x509_san_dns:apteka-sv-panteleimon.verifiers.civitas.bg');
    expect(claims.response_mode).toBe('direct_post.jwt');
    expect(claims.verifier_info[0]?.data).toMatchObject({
      organisation: 'Аптека „Св. Пантелеймон“',
      intended_use: ['over-18', 'identity'],
    });
    expect(
      claims.dcql_query.credentials.flatMap((c) => c.claims.map((claim) => claim.path.join('.'))),
    ).toEqual(['age_equal_or_over.18', 'eu.europa.ec.eudi.pid.1.age_over_18']);
    expect((await stateOf(id)).json().status).toBe('pending');
    // The holder discloses the name too: the verifier keeps only what the check asks.
    const presentation = await present(await pid(), claims, [['age_equal_or_over', '18'], ['family_name']]);
    const outcome = await respond(id, claims, presentation);
    expect(outcome.code).toBeNull();
    const state = (await stateOf(id)).json();
    expect(state.status).toBe('verified');
    expect(state.result).toMatchObject({
      passed: true,
      verdictCode: null,
      type: 'urn:eudi:pid:1',
      claims: [{ key: 'age_equal_or_over.18', value: true }],
      photo: null,
    });
    expect(JSON.stringify(state)).not.toContain('Иванова');
  });

  it('"identity" shows the photo and the names; another staff member gets "not found"', async () => {
    const { id, claims } = await transaction('pharmacist', 'identity');
    const presentation = await present(await pid(), claims, [
      ['family_name'],
      ['given_name'],
      ['birthdate'],
      ['picture'],
    ]);
    expect((await respond(id, claims, presentation)).code).toBeNull();
    const state = (await stateOf(id)).json();
    expect(state.result.photo).toBe(PID.picture);
    expect(state.result.claims.map((claim: { key: string }) => claim.key).sort()).toEqual([
      'birthdate',
      'family_name',
      'given_name',
    ]);
    expectProblem(await stateOf(id, 'otherPharmacist'), 404, 'verification-not-found');
    expectProblem(await stateOf(id, 'police'), 404, 'verification-not-found');
  });

  async function mdl(claims: RequestObjectClaims, transcriptNonce = claims.nonce) {
    const mdocHolder = await createHolder();
    const signer = await trust.issuerSigner();
    const credential = await issueMdoc(mdlInput({ signer } as TestPki, mdocHolder, new Date()));
    const key = claims.client_metadata.jwks.keys[0];
    const transcript = await openId4VpSessionTranscript({
      clientId: claims.client_id,
      nonce: transcriptNonce,
      responseUri: claims.response_uri,
      jwkThumbprint: key ? await encryptionKeyThumbprint(key) : null,
    });
    const elements = ['family_name', 'given_name', 'portrait', 'expiry_date', 'driving_privileges'];
    return presentMdoc(
      credential,
      { docType: MDL, elements: { [MDL_NS]: elements } },
      transcript,
      mdocHolder.sign,
    );
  }

  it('the police check a driving licence (mdoc): category B valid, the portrait and the categories shown', async () => {
    const { id, claims } = await transaction('police', 'driving-licence-b');
    expect(claims.client_id).toBe('x509_san_dns:patrol.verifiers.civitas.bg');
    expect((await respond(id, claims, await mdl(claims), 'mdl')).code).toBeNull();
    const state = (await stateOf(id, 'police')).json();
    expect(state.result).toMatchObject({ passed: true, type: MDL });
    expect(state.result.photo).toMatch(/^data:image\/(jpeg|png);base64,/);
    const privileges = state.result.claims.find(
      (claim: { key: string }) => claim.key === `${MDL_NS}.driving_privileges`,
    );
    expect(privileges.value[0]).toMatchObject({ vehicle_category_code: 'B' });
  });

  it('an mdoc signed over another session transcript, or revoked, is refused', async () => {
    let tx = await transaction('police', 'driving-licence-b');
    const replayed = await mdl(tx.claims, 'another-nonce-0123456789');
    const outcome = await respond(tx.id, tx.claims, replayed, 'mdl');
    expect(['mdoc-session-transcript-mismatch', 'mdoc-device-signature-invalid']).toContain(outcome.code);
    tx = await transaction('police', 'driving-licence-b');
    mdocStatuses[7] = 1;
    expect((await respond(tx.id, tx.claims, await mdl(tx.claims), 'mdl')).code).toBe('credential-revoked');
    delete mdocStatuses[7];
  });

  it('refuses a check beyond the registration at creation, and callers who operate no verifier', async () => {
    expectProblem(await start('pharmacist', 'driving-licence-b'), 403, 'verification-check-not-registered');
    expectProblem(await start('citizen', 'over-18'), 403, 'role-forbidden');
    expectProblem(await start('pharmacist', 'everything'), 400, 'validation-failed');
    expect((await start('police', 'driving-licence-b')).statusCode).toBe(201);
  });

  it('a revoked credential fails with credential-revoked, and the screen shows that code', async () => {
    const { id, claims } = await transaction();
    statuses[5] = 1;
    const outcome = await respond(id, claims, await present(await pid(undefined, 5), claims));
    expect(outcome.code).toBe('credential-revoked');
    const state = (await stateOf(id)).json();
    expect(state).toMatchObject({ status: 'failed', failureCode: 'credential-revoked', result: null });
  });

  it('key binding: for another verifier, with another nonce, or too old is refused', async () => {
    const credential = await pid();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ aud: 'x509_san_dns:patrol.verifiers.civitas.bg' }, 'key-binding-wrong-audience'],
      [{ nonce: 'another-nonce-0123456789' }, 'key-binding-wrong-nonce'],
      [{ iat: Math.floor(Date.now() / 1000) - 3600 }, 'key-binding-too-old'],
    ];
    for (const [kb, code] of cases) {
      const { id, claims } = await transaction();
      expect((await respond(id, claims, await present(credential, claims, undefined, kb))).code).toBe(code);
    }
  });

  it('an untrusted chain and an expired issuer certificate are refused', async () => {
    const stranger = await createTestPki();
    let tx = await transaction();
    expect((await respond(tx.id, tx.claims, await present(await pid(stranger.signer), tx.claims))).code).toBe(
      'issuer-chain-untrusted',
    );
    const expired = await createTestPki({ validDays: -1 });
    tx = await transaction();
    const outcome = await respond(tx.id, tx.claims, await present(await pid(expired.signer), tx.claims));
    expect(['issuer-certificate-expired', 'issuer-chain-untrusted']).toContain(outcome.code);
  });

  it('tampered, unreferenced and duplicated disclosures are refused', async () => {
    const credential = await pid();
    const mutate = async (change: (parts: string[]) => string[]) => {
      const { id, claims } = await transaction();
      const presented = await present(credential, claims);
      const parts = presented.split('~');
      const kb = parts.pop() as string;
      // Re-sign the KB-JWT over the changed presentation so only the disclosure check can catch it.
      const body = `${change(parts).join('~')}~`;
      const rebound = await presentRebound(body, claims);
      void kb;
      return (await respond(id, claims, rebound)).code;
    };
    const disclosure = (value: unknown[]) => Buffer.from(JSON.stringify(value)).toString('base64url');
    expect(await mutate((p) => [p[0] as string, disclosure(['salt', 'age_equal_or_over', false])])).toBe(
      'disclosure-unreferenced',
    );
    expect(await mutate((p) => [...p, p[1] as string])).toBe('disclosure-duplicate');
    expect(
      await mutate((p) => {
        const [salt, name] = JSON.parse(Buffer.from(p[1] as string, 'base64url').toString()) as [
          string,
          string,
        ];
        return [p[0] as string, disclosure([salt, name, false])];
      }),
    ).toMatch(/^disclosure-(tampered|unreferenced)$/);
  });

  async function presentRebound(body: string, claims: RequestObjectClaims) {
    const { digestOf } = await import('@civitas/wallet/sd-jwt/hash.ts');
    const { signCompactJws } = await import('@civitas/wallet/trust/jws.ts');
    const kb = await signCompactJws(
      { typ: 'kb+jwt', alg: 'ES256' },
      {
        iat: Math.floor(Date.now() / 1000),
        aud: claims.client_id,
        nonce: claims.nonce,
        sd_hash: digestOf(body),
      },
      holder.sign,
    );
    return `${body}${kb}`;
  }

  it('a response for another transaction does not decrypt; a second response is refused; the state must match', async () => {
    const first = await transaction();
    const second = await transaction();
    const presentation = await present(await pid(), first.claims);
    const jwe = await encryptAuthorizationResponse(
      { vp_token: { pid: [presentation] }, state: first.claims.state },
      first.claims,
    );
    const post = (id: string, response: string) =>
      inject({
        method: 'POST',
        url: `/api/wallet/verifications/${id}/response`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ response }).toString(),
      });
    expectProblem(await post(second.id, jwe), 400, 'verification-response-undecryptable');
    expect((await stateOf(second.id)).json().status).toBe('pending');
    expectProblem(await post(second.id, 'not-a-jwe'), 400, 'verification-response-undecryptable');
    const wrongState = await encryptAuthorizationResponse(
      { vp_token: { pid: [presentation] }, state: 'other' },
      second.claims,
    );
    expectProblem(await post(second.id, wrongState), 400, 'verification-state-mismatch');
    expect((await respond(first.id, first.claims, presentation)).code).toBeNull();
    expectProblem(await post(first.id, jwe), 409, 'verification-already-answered');
    expectProblem(
      await inject({ method: 'GET', url: `/api/wallet/verifications/${first.id}/request` }),
      409,
      'verification-already-answered',
    );
    expectProblem(await post('AAAAAAAAAAAAAAAAAAAAAA', jwe), 404, 'verification-not-found');
  });

  it('an answer that names no credential query of the check is refused', async () => {
    const { id, claims } = await transaction();
    const outcome = await respond(id, claims, await present(await pid(), claims), 'mdl');
    expect(outcome.code).toBe('verification-response-invalid');
  });

  it('forgets a transaction and its disclosed claims an hour after it expired', async () => {
    const { id } = await transaction();
    const db = tablesOf<VerifierTables>(platform.database.db);
    const registry = new VerifierRegistry(db, trust);
    const soon = new VerificationTransactions(
      db,
      registry,
      platform.config.publicUrl,
      () => new Date(Date.now() + 30 * 60_000),
    );
    expect(await soon.purgeOld()).toBe(0);
    await expect(soon.requestObject(id)).rejects.toMatchObject({ code: 'verification-expired' });
    const later = new VerificationTransactions(
      db,
      registry,
      platform.config.publicUrl,
      () => new Date(Date.now() + 71 * 60_000),
    );
    expect(await later.purgeOld()).toBeGreaterThan(0);
    expectProblem(await stateOf(id), 404, 'verification-not-found');
  });

  it('gives the verifier screen signed offline requests with the anchors', async () => {
    const response = await inject({
      method: 'POST',
      url: '/api/wallet/verifications/offline',
      headers: { authorization: `Bearer ${tokens.police}` },
      payload: { check: 'driving-licence-b', count: 3 },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.requests).toHaveLength(3);
    expect(new Set(body.requests.map((r: { nonce: string }) => r.nonce)).size).toBe(3);
    expect(body.trustAnchors).toEqual([...(await trust.trustAnchors())]);
    const { decodeOfflineRequest, offlineRequestText, verifyOfflineRequest } = await import(
      '@civitas/wallet/offline/index.ts'
    );
    const request = await decodeOfflineRequest(await offlineRequestText(body.requests[0].jws));
    await verifyOfflineRequest(request, { trustAnchors: await trust.verifierAnchors(), now: new Date() });
    expect(request.claims).toMatchObject({
      check: 'driving-licence-b',
      client_id: 'x509_san_dns:patrol.verifiers.civitas.bg',
    });
    expectProblem(
      await inject({
        method: 'POST',
        url: '/api/wallet/verifications/offline',
        headers: { authorization: `Bearer ${tokens.pharmacist}` },
        payload: { check: 'driving-licence-b', count: 1 },
      }),
      403,
      'verification-check-not-registered',
    );
  });
});
