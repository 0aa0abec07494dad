import crypto from 'node:crypto';
import { decodeMdoc } from '@civitas/wallet/mdoc/decode.ts';
import { clientAuthenticationAnonymous, setGlobalConfig } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import { freePort } from '../../../../test/net.ts';
import { startTestPlatform, type TestPlatform } from '../../../../test/platform.ts';
import { HolderKey } from '../../../../test/wallet-holder.ts';
import { eidIssuer, issueScriptingToken } from '../../../identity/tokens.ts';

/**
 * Another implementation's wallet against our issuer: `@openid4vc/openid4vci`'s client reads the
 * offer (by value and by reference) and the metadata, redeems the pre-authorized code with the
 * transaction code, asks the nonce endpoint, makes its own JWT proof and receives the credential.
 */
describe.each(testDatabases())(
  'a wallet built on @openid4vc/openid4vci against the issuer on $name',
  (engine) => {
    let platform: TestPlatform;
    let base: string;
    let officialToken: string;

    beforeAll(async () => {
      // The test server speaks plain HTTP on the loopback interface.
      setGlobalConfig({ allowInsecureUrls: true });
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      platform = await startTestPlatform(engine, {
        env: { CIVITAS_PUBLIC_URL: base },
        persons: 60,
        vehicles: 20,
      });
      await platform.app.listen({ host: '127.0.0.1', port });
      const official = platform.seeded.demoPersons[1]!;
      officialToken = await issueScriptingToken(platform.keys, eidIssuer(base), official, [
        'citizen',
        'official',
      ]);
    });
    afterAll(async () => {
      setGlobalConfig({ allowInsecureUrls: false });
      await platform?.close();
    });

    function walletClient(holder: HolderKey): Openid4vciClient {
      return new Openid4vciClient({
        callbacks: {
          fetch,
          hash: (data, alg) =>
            new Uint8Array(crypto.createHash(alg.replace('-', '').toLowerCase()).update(data).digest()),
          generateRandom: (length) => new Uint8Array(crypto.randomBytes(length)),
          clientAuthentication: clientAuthenticationAnonymous(),
          signJwt: async (_signer, { header, payload }) => ({
            jwt: await new SignJWT(payload as Record<string, unknown>)
              .setProtectedHeader(header as { alg: string })
              .sign(holder.privateKey),
            signerJwk: holder.publicJwk as never,
          }),
        },
      });
    }

    it('issues a PID mdoc to the library wallet over a desk offer, by value and by reference', async () => {
      const citizen = platform.seeded.demoPersons[0]!;
      for (const uriOf of [
        (o: { offerUri: string }) => o.offerUri,
        (o: { offerByReferenceUri: string }) => o.offerByReferenceUri,
      ]) {
        const made = await platform.app.inject({
          method: 'POST',
          url: '/api/wallet/offers',
          headers: { authorization: `Bearer ${officialToken}` },
          payload: { personalNumber: citizen, configurationId: 'pid-mdoc' },
        });
        const offer = made.json() as { offerUri: string; offerByReferenceUri: string; txCode: string };
        const holder = await HolderKey.generate();
        const client = walletClient(holder);

        const credentialOffer = await client.resolveCredentialOffer(uriOf(offer));
        expect(credentialOffer.credential_configuration_ids).toEqual(['pid-mdoc']);
        const issuerMetadata = await client.resolveIssuerMetadata(credentialOffer.credential_issuer);
        expect(issuerMetadata.credentialIssuer.credential_issuer).toBe(base);
        const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
          credentialOffer,
          issuerMetadata,
          txCode: offer.txCode,
        });
        const { c_nonce: nonce } = await client.requestNonce({ issuerMetadata });
        const { jwt } = await client.createCredentialRequestJwtProof({
          issuerMetadata,
          credentialConfigurationId: 'pid-mdoc',
          nonce,
          signer: { method: 'jwk', alg: 'ES256', publicJwk: holder.publicJwk as never },
        });
        const answer = await client.retrieveCredentials({
          issuerMetadata,
          accessToken: accessTokenResponse.access_token,
          credentialConfigurationId: 'pid-mdoc',
          proofs: { jwt: [jwt] },
        });
        const credentials = answer.credentialResponse.credentials as Array<{ credential: string }>;
        expect(credentials).toHaveLength(1);
        const mdoc = decodeMdoc(credentials[0]!.credential);
        expect(mdoc.claims['eu.europa.ec.eudi.pid.1.personal_administrative_number']).toBe(citizen);
      }
    });
  },
);
