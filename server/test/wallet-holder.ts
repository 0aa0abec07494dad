import { exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export const PROOF_TYPE = 'openid4vci-proof+jwt';

/** A wallet's device key (P-256) and the OpenID4VCI JWT proofs it signs (appendix F.1). */
export class HolderKey {
  readonly privateKey: PrivateKey;
  readonly publicJwk: JWK;

  private constructor(privateKey: PrivateKey, publicJwk: JWK) {
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
  }

  static async generate(): Promise<HolderKey> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    return new HolderKey(privateKey, { kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
  }

  /** A proof for `audience` with `nonce`; `options` bend it for the tests of what is refused. */
  proof(
    audience: string,
    nonce: string | undefined,
    options: { iat?: number; typ?: string; jwk?: JWK; signWith?: HolderKey } = {},
  ): Promise<string> {
    return new SignJWT(nonce === undefined ? {} : { nonce })
      .setProtectedHeader({
        alg: 'ES256',
        typ: options.typ ?? PROOF_TYPE,
        jwk: options.jwk ?? this.publicJwk,
      })
      .setAudience(audience)
      .setIssuedAt(options.iat ?? Math.floor(Date.now() / 1000))
      .sign((options.signWith ?? this).privateKey);
  }
}
