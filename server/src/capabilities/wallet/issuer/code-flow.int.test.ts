import { decodeMdoc } from '@civitas/wallet/mdoc/decode.ts';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { EidClient } from '../../../../test/eid-client.ts';
import { freePort } from '../../../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { HolderKey } from '../../../../test/wallet-holder.ts';

/**
 * The authorization code flow through the national eID: the wallet in the app asks the eID node
 * for credentials (RFC 9396 `openid_credential` details or the configurations' scopes) for the
 * credential issuer's resource, with PAR, PKCE and DPoP, and the credential endpoint honours
 * exactly what was granted.
 */
describe.each(testDatabases())('the authorization code flow for wallet credentials on $name', (engine) => {
  let platform: TestPlatform;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    platform = await startTestPlatform(engine, {
      env: { CIVITAS_PUBLIC_URL: base },
      persons: 60,
      vehicles: 20,
    });
    await platform.app.listen({ host: '127.0.0.1', port });
  });
  afterAll(() => platform?.close());

  async function signIn(extra: Record<string, string>) {
    const client = await EidClient.create(base);
    const interaction = await client.startSignIn(extra);
    const login = await client.submitLogin(
      interaction,
      platform.seeded.demoPersons[0]!,
      platform.config.demoPin,
    );
    expect(login.status).toBe(303);
    const callback = await client.followToCallback(login.headers.get('location')!);
    const response = await client.exchangeCode(callback.searchParams.get('code')!);
    expect(response.status, await response.clone().text()).toBe(200);
    return { client, tokens: (await response.json()) as { access_token: string; token_type: string } };
  }

  async function credentialRequest(client: EidClient, accessToken: string, body: unknown) {
    const path = '/api/wallet/credential';
    return fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(await client.authorization(accessToken, 'POST', path)),
      },
      body: JSON.stringify(body),
    });
  }

  async function proofBody(id: string) {
    const nonce = (
      (await (await fetch(`${base}/api/wallet/nonce`, { method: 'POST' })).json()) as { c_nonce: string }
    ).c_nonce;
    const holder = await HolderKey.generate();
    return { credential_configuration_id: id, proofs: { jwt: [await holder.proof(base, nonce)] } };
  }

  it('grants openid_credential authorization details in a DPoP-bound token for the credential issuer', async () => {
    const details = [{ type: 'openid_credential', credential_configuration_id: 'ehic' }];
    const { client, tokens } = await signIn({
      scope: 'openid',
      resource: base,
      authorization_details: JSON.stringify(details),
    });
    expect(tokens.token_type).toBe('DPoP');
    const claims = decodeJwt(tokens.access_token);
    expect(claims.aud).toBe(base);
    expect(claims.authorization_details).toEqual(details);
    expect(claims.cnf).toHaveProperty('jkt');

    // Not granted: another configuration.
    const other = await credentialRequest(client, tokens.access_token, await proofBody('pid-sd-jwt'));
    expect(other.status).toBe(403);
    expect(await other.json()).toMatchObject({
      code: 'issuance-not-granted',
      error: 'credential_request_denied',
    });
    // Granted: the request gets past the token to the proof (here signed for another audience).
    const body = await proofBody('ehic');
    const holder = await HolderKey.generate();
    body.proofs.jwt = [await holder.proof('https://elsewhere.example', 'x')];
    const refused = await credentialRequest(client, tokens.access_token, body);
    expect(await refused.json()).toMatchObject({ code: 'issuance-proof-invalid', error: 'invalid_proof' });
    // Without its DPoP proof the bound token is refused.
    const bare = await fetch(`${base}/api/wallet/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `DPoP ${tokens.access_token}` },
      body: JSON.stringify(await proofBody('ehic')),
    });
    expect(bare.status).toBe(401);
    expect(await bare.json()).toMatchObject({ code: 'issuance-token-invalid', error: 'invalid_token' });
  });

  it('grants a credential by its scope, and refuses an unknown configuration in authorization details', async () => {
    const { client, tokens } = await signIn({ scope: 'openid pid-mdoc', resource: base });
    const claims = decodeJwt(tokens.access_token);
    expect(claims.aud).toBe(base);
    expect(String(claims.scope).split(' ')).toContain('pid-mdoc');
    const other = await credentialRequest(client, tokens.access_token, await proofBody('mdl'));
    expect(await other.json()).toMatchObject({ code: 'issuance-not-granted' });
    // The granted one is issued to the person who signed in, bound to the wallet's key.
    const issued = await credentialRequest(client, tokens.access_token, await proofBody('pid-mdoc'));
    expect(issued.status, await issued.clone().text()).toBe(200);
    const { credentials } = (await issued.json()) as { credentials: Array<{ credential: string }> };
    const mdoc = decodeMdoc(credentials[0]!.credential);
    expect(mdoc.docType).toBe('eu.europa.ec.eudi.pid.1');
    expect(mdoc.claims['eu.europa.ec.eudi.pid.1.personal_administrative_number']).toBe(
      platform.seeded.demoPersons[0],
    );

    const pushed = await (await EidClient.create(base)).pushAuthorization({
      resource: base,
      authorization_details: JSON.stringify([
        { type: 'openid_credential', credential_configuration_id: 'passport' },
      ]),
    });
    expect(pushed.status).toBe(400);
    expect(await pushed.json()).toMatchObject({ error: 'invalid_authorization_details' });
  });

  it('keeps the Civitas API token for the API: the credential endpoint refuses it', async () => {
    const { client, tokens } = await signIn({});
    expect(decodeJwt(tokens.access_token).aud).toBe('urn:civitas:api');
    const response = await credentialRequest(client, tokens.access_token, await proofBody('ehic'));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'issuance-token-invalid' });
  });
});
