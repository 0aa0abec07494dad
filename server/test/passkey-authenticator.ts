import crypto from 'node:crypto';
import { isoCBOR } from '@simplewebauthn/server/helpers';

/** What a passkey keeps: its id, its P-256 key, the user handle it was made for, its counter. */
export interface SoftCredential {
  id: string;
  privateKey: crypto.KeyObject;
  userHandle: string;
  signCount: number;
}

export interface SoftAuthenticatorOptions {
  origin: string;
  rpId: string;
  /** WebAuthn backup eligibility (a synchronised passkey); false: bound to this device. */
  backupEligible?: boolean;
  /** Whether the authenticator verifies the user (PIN, biometrics); true by default. */
  userVerified?: boolean;
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

/**
 * A software WebAuthn authenticator for the server's tests (the e2e tests use Chromium's
 * virtual one): real P-256 keys, CBOR attestation objects in the `none` format, real ECDSA
 * assertions over authenticator data and the client data's hash.
 */
export class SoftAuthenticator {
  readonly credentials: SoftCredential[] = [];
  private readonly options: Required<SoftAuthenticatorOptions>;

  constructor(options: SoftAuthenticatorOptions) {
    this.options = { backupEligible: false, userVerified: true, ...options };
  }

  private flags(attested: boolean): number {
    const { backupEligible, userVerified } = this.options;
    return 0x01 | (userVerified ? 0x04 : 0) | (backupEligible ? 0x18 : 0) | (attested ? 0x40 : 0);
  }

  private clientData(type: string, challenge: string, origin = this.options.origin): string {
    return b64(Buffer.from(JSON.stringify({ type, challenge, origin, crossOrigin: false })));
  }

  private authenticatorData(signCount: number, attested?: Uint8Array): Buffer {
    const rpIdHash = crypto.createHash('sha256').update(this.options.rpId).digest();
    const count = Buffer.alloc(4);
    count.writeUInt32BE(signCount);
    return Buffer.concat([
      rpIdHash,
      Buffer.from([this.flags(attested !== undefined)]),
      count,
      attested ?? Buffer.alloc(0),
    ]);
  }

  /** navigator.credentials.create(): a new discoverable credential for the options' user. */
  create(
    options: { challenge: string; user: { id: string } },
    { origin }: { origin?: string } = {},
  ): Record<string, unknown> {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const cose = isoCBOR.encode(
      new Map<number, number | Uint8Array>([
        [1, 2],
        [3, -7],
        [-1, 1],
        [-2, new Uint8Array(Buffer.from(jwk.x!, 'base64url'))],
        [-3, new Uint8Array(Buffer.from(jwk.y!, 'base64url'))],
      ]),
    );
    const rawId = crypto.randomBytes(32);
    const length = Buffer.alloc(2);
    length.writeUInt16BE(rawId.length);
    const attested = Buffer.concat([Buffer.alloc(16), length, rawId, cose]);
    const authData = this.authenticatorData(0, attested);
    const attestationObject = isoCBOR.encode(
      new Map<string, unknown>([
        ['fmt', 'none'],
        ['attStmt', new Map()],
        ['authData', new Uint8Array(authData)],
      ]) as never,
    );
    const id = b64(rawId);
    this.credentials.push({ id, privateKey, userHandle: options.user.id, signCount: 0 });
    return {
      id,
      rawId: id,
      type: 'public-key',
      response: {
        clientDataJSON: this.clientData('webauthn.create', options.challenge, origin),
        attestationObject: b64(attestationObject),
        transports: ['internal'],
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }

  /** navigator.credentials.get(): an assertion with the (first, or given) credential; the counter steps on. */
  get(
    options: { challenge: string },
    {
      credential = this.credentials[0]!,
      signCount,
    }: { credential?: SoftCredential; signCount?: number } = {},
  ): Record<string, unknown> {
    credential.signCount = signCount ?? credential.signCount + 1;
    const authData = this.authenticatorData(credential.signCount);
    const clientDataJSON = this.clientData('webauthn.get', options.challenge);
    const signed = Buffer.concat([
      authData,
      crypto.createHash('sha256').update(Buffer.from(clientDataJSON, 'base64url')).digest(),
    ]);
    const signature = crypto.sign('sha256', signed, credential.privateKey);
    return {
      id: credential.id,
      rawId: credential.id,
      type: 'public-key',
      response: {
        clientDataJSON,
        authenticatorData: b64(authData),
        signature: b64(signature),
        userHandle: credential.userHandle,
      },
      clientExtensionResults: {},
      authenticatorAttachment: 'platform',
    };
  }
}
