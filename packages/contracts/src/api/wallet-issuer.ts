import { type Static, Type } from '@sinclair/typebox';

/**
 * The wallet issuer's public API (OpenID4VCI 1.0): what a desk asks for an offer and gets back,
 * and the nonce, token and credential endpoints' answers. The metadata documents are built from
 * `@civitas/wallet/catalogue.ts`.
 */

/** An official's request for a pre-authorized offer for the citizen at the desk. */
export const WalletOfferRequest = Type.Object(
  {
    personalNumber: Type.String({ minLength: 1, maxLength: 32, pattern: '^[0-9]+$' }),
    configurationId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9-]+$' }),
    vin: Type.Optional(Type.String({ minLength: 17, maxLength: 17, pattern: '^[A-HJ-NPR-Z0-9]{17}$' })),
  },
  { additionalProperties: false },
);
export type WalletOfferRequest = Static<typeof WalletOfferRequest>;

/** The offer to show the citizen: a QR of `offerUri` and the transaction code (never the personal number). */
export const WalletOffer = Type.Object({
  offerUri: Type.String({ description: 'openid-credential-offer://?credential_offer=…' }),
  offerByReferenceUri: Type.String({ description: 'openid-credential-offer://?credential_offer_uri=…' }),
  qrSvg: Type.String({ description: 'the offer URI as a QR code, SVG' }),
  txCode: Type.String({ description: 'the transaction code the citizen types into the wallet' }),
  expiresAt: Type.String({ format: 'date-time' }),
});
export type WalletOffer = Static<typeof WalletOffer>;

export const NonceResponse = Type.Object({ c_nonce: Type.String() });
export type NonceResponse = Static<typeof NonceResponse>;

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
});
export type TokenResponse = Static<typeof TokenResponse>;

export const CredentialResponse = Type.Object({
  credentials: Type.Array(Type.Object({ credential: Type.String() }), { minItems: 1 }),
});
export type CredentialResponse = Static<typeof CredentialResponse>;

/** The credential offer a `credential_offer_uri` returns (OpenID4VCI 1.0 §4.1.1). */
export const CredentialOffer = Type.Object(
  {
    credential_issuer: Type.String(),
    credential_configuration_ids: Type.Array(Type.String()),
    grants: Type.Record(Type.String(), Type.Unknown()),
  },
  { additionalProperties: false },
);
export type CredentialOffer = Static<typeof CredentialOffer>;
