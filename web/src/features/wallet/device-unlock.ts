/**
 * Opening the wallet with the platform authenticator (fingerprint, face, screen lock) through
 * WebAuthn's PRF extension: the authenticator computes a secret from a salt only after the person
 * is verified, and that secret wraps the wallet's data key (see vault-crypto.ts). Nothing leaves
 * the device and no server is asked: the credential is the wallet's own, not an eID passkey.
 */
import { fromBase64Url, toBase64Url } from './base64url.ts';

export class DeviceUnlockUnavailable extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'DeviceUnlockUnavailable';
  }
}

/** WebAuthn needs a domain name (not an IP address) and a user-verifying platform authenticator. */
export async function deviceUnlockAvailable(): Promise<boolean> {
  const host = location.hostname;
  if (/^[\d.]+$/.test(host) || host.includes(':')) return false;
  if (typeof PublicKeyCredential === 'undefined') return false;
  try {
    return await PublicKeyCredential.isUserVerifyingPlatformAuthenticatorAvailable();
  } catch {
    return false;
  }
}

function random(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

type PrfResults = { prf?: { enabled?: boolean; results?: { first?: ArrayBuffer | ArrayBufferView } } };

function prfOutputOf(credential: PublicKeyCredential): ArrayBuffer | null {
  const first = (credential.getClientExtensionResults() as PrfResults).prf?.results?.first;
  if (!first) return null;
  return first instanceof ArrayBuffer
    ? first
    : new Uint8Array(first.buffer, first.byteOffset, first.byteLength).slice().buffer;
}

/** The authenticator's PRF output for the wallet's credential and salt (asks the person to verify). */
export async function evaluateDevicePrf(credentialId: string, prfSalt: string): Promise<ArrayBuffer> {
  const credential = (await navigator.credentials.get({
    publicKey: {
      challenge: random(32),
      rpId: location.hostname,
      allowCredentials: [{ type: 'public-key', id: fromBase64Url(credentialId) }],
      userVerification: 'required',
      timeout: 60_000,
      extensions: {
        prf: { eval: { first: fromBase64Url(prfSalt) } },
      } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  const output = credential && prfOutputOf(credential);
  if (!output) throw new DeviceUnlockUnavailable('the authenticator gave no PRF output');
  return output;
}

/** Makes the wallet's own credential on the platform authenticator and its first PRF output. */
export async function registerDeviceCredential(): Promise<{
  credentialId: string;
  prfSalt: string;
  prfOutput: ArrayBuffer;
}> {
  const prfSalt = toBase64Url(random(32));
  const credential = (await navigator.credentials.create({
    publicKey: {
      rp: { id: location.hostname, name: 'Civitas wallet' },
      user: { id: random(16), name: 'wallet', displayName: 'Civitas wallet' },
      challenge: random(32),
      pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
      authenticatorSelection: {
        authenticatorAttachment: 'platform',
        userVerification: 'required',
        residentKey: 'discouraged',
      },
      timeout: 60_000,
      extensions: {
        prf: { eval: { first: fromBase64Url(prfSalt) } },
      } as AuthenticationExtensionsClientInputs,
    },
  })) as PublicKeyCredential | null;
  if (!credential) throw new DeviceUnlockUnavailable('no credential was made');
  const credentialId = toBase64Url(new Uint8Array(credential.rawId));
  // Some authenticators evaluate the PRF only when asked to sign in, not when made.
  const prfOutput = prfOutputOf(credential) ?? (await evaluateDevicePrf(credentialId, prfSalt));
  return { credentialId, prfSalt, prfOutput };
}
