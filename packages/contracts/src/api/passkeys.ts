import { type Static, Type } from '@sinclair/typebox';

/**
 * Passkeys with the national eID (issue 16): a citizen signed in with the eID PIN registers a
 * passkey for a device, and then signs in on that device without the PIN. The WebAuthn options
 * and responses are the W3C JSON forms (`PublicKeyCredentialCreationOptionsJSON`,
 * `RegistrationResponseJSON`, …), passed through as objects.
 */

/** eIDAS levels of assurance (Implementing Regulation (EU) 2015/1502), as the URIs eIDAS nodes use. */
export const LOA_LOW = 'http://eidas.europa.eu/LoA/low';
export const LOA_SUBSTANTIAL = 'http://eidas.europa.eu/LoA/substantial';
export const LOA_HIGH = 'http://eidas.europa.eu/LoA/high';

/** A device name as the citizen typed it (what the list shows). */
export const DeviceName = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });

/** One of the citizen's passkeys (GET /api/identity/passkeys). */
export const Passkey = Type.Object({
  id: Type.String({ description: 'the passkey’s id in Civitas (DELETE /api/identity/passkeys/{id})' }),
  deviceName: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  lastUsedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  /** The level a sign-in with it gives (eIDAS URI): never above the level it was registered at. */
  level: Type.String(),
  /** Whether the passkey may be synchronised to other devices (WebAuthn backup eligibility). */
  synced: Type.Boolean(),
  transports: Type.Array(Type.String()),
});
export type Passkey = Static<typeof Passkey>;

export const PasskeyList = Type.Object({ items: Type.Array(Passkey) });
export type PasskeyList = Static<typeof PasskeyList>;

/** POST /api/identity/passkeys: the authenticator's answer to the registration options. */
export const PasskeyRegistration = Type.Object(
  {
    deviceName: DeviceName,
    response: Type.Object(
      {
        id: Type.String({ maxLength: 1024 }),
        rawId: Type.String({ maxLength: 1024 }),
        type: Type.Literal('public-key'),
        response: Type.Object({}, { additionalProperties: true }),
        clientExtensionResults: Type.Object({}, { additionalProperties: true }),
        authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PasskeyRegistration = Static<typeof PasskeyRegistration>;

/** The authenticator's answer to the authentication options (the eID sign-in page posts it). */
export const PasskeyAssertion = Type.Object(
  {
    id: Type.String({ maxLength: 1024 }),
    rawId: Type.String({ maxLength: 1024 }),
    type: Type.Literal('public-key'),
    response: Type.Object({}, { additionalProperties: true }),
    clientExtensionResults: Type.Object({}, { additionalProperties: true }),
    authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  },
  { additionalProperties: false },
);
export type PasskeyAssertion = Static<typeof PasskeyAssertion>;

/** WebAuthn options in their JSON form, as `@simplewebauthn/browser` takes them. */
export const WebAuthnOptions = Type.Object({ challenge: Type.String() }, { additionalProperties: true });
export type WebAuthnOptions = Static<typeof WebAuthnOptions>;
