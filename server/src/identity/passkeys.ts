import type { Passkey, PasskeyAssertion, PasskeyRegistration } from '@civitas/contracts/api/passkeys.ts';
import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransport,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { AppError } from '../kernel/index.ts';
import { type Assurance, isPinSession, passkeyAssurance, satisfies } from './passkeys-assurance.ts';
import type { ChallengeBinding, PasskeyStore, StoredPasskey } from './passkeys-store.ts';

/** How long a WebAuthn ceremony may take (the browser's timeout), and its challenge's life. */
export const CEREMONY_TIMEOUT_MS = 120_000;
const CHALLENGE_TTL_S = 150;
/** Passkeys per person: enough for every device, not a store for anything else. */
export const MAX_PASSKEYS = 10;

/** The signed-in session registering a passkey, as its access token says. */
export interface RegisteringSession {
  subject: string;
  acr: unknown;
  amr: unknown;
  /** The person's name (their passkey shows it in the device's account picker). */
  displayName: string | undefined;
}

/** Where the passkeys are used: the public URL's origin, and its host as the WebAuthn RP ID. */
export interface RelyingParty {
  origin: string;
  rpID: string;
}

export function relyingPartyOf(publicUrl: string): RelyingParty {
  const url = new URL(publicUrl);
  return { origin: url.origin, rpID: url.hostname };
}

/** The challenge an authenticator signed, read from its client data (checked again by the library). */
function challengeOf(clientDataJSON: unknown): string {
  try {
    const clientData = JSON.parse(Buffer.from(String(clientDataJSON), 'base64url').toString('utf8'));
    if (typeof clientData?.challenge === 'string' && clientData.challenge.length <= 256)
      return clientData.challenge;
  } catch {}
  throw new AppError('passkey-verification-failed', 'The client data cannot be read.');
}

export function passkeyView(passkey: StoredPasskey): Passkey {
  return {
    id: passkey.id,
    deviceName: passkey.deviceName,
    createdAt: passkey.createdAt.toISOString(),
    lastUsedAt: passkey.lastUsedAt ? passkey.lastUsedAt.toISOString() : null,
    level: passkeyAssurance(passkey).acr,
    synced: passkey.backupEligible,
    transports: passkey.transports,
  };
}

/**
 * Passkeys with the eID (WebAuthn, `@simplewebauthn/server`): discoverable credentials with user
 * verification, registered by a person signed in with the eID PIN, then used on the eID sign-in
 * page instead of the PIN. Challenges are kept here, single use, bound to the person
 * (registration) or the sign-in (authentication).
 */
export class PasskeyService {
  private readonly store: PasskeyStore;
  private readonly rp: RelyingParty;

  constructor(store: PasskeyStore, rp: RelyingParty) {
    this.store = store;
    this.rp = rp;
  }

  async registrationOptions(session: RegisteringSession): Promise<PublicKeyCredentialCreationOptionsJSON> {
    if (!isPinSession(session.amr) || typeof session.acr !== 'string')
      throw new AppError('passkey-needs-eid-sign-in');
    const existing = await this.store.listOf(session.subject);
    if (existing.length >= MAX_PASSKEYS) throw new AppError('passkey-limit-reached');
    const userHandle = await this.store.userHandleOf(session.subject);
    const name = session.displayName ?? 'Civitas';
    const options = await generateRegistrationOptions({
      rpName: 'Civitas eID',
      rpID: this.rp.rpID,
      userID: new Uint8Array(Buffer.from(userHandle, 'base64url')),
      userName: name,
      userDisplayName: name,
      timeout: CEREMONY_TIMEOUT_MS,
      attestationType: 'none',
      excludeCredentials: existing.map((passkey) => ({
        id: passkey.credentialId,
        transports: passkey.transports as AuthenticatorTransport[],
      })),
      authenticatorSelection: {
        residentKey: 'required',
        requireResidentKey: true,
        userVerification: 'required',
      },
      supportedAlgorithmIDs: [-7, -8, -257],
    });
    await this.store.issueChallenge(
      options.challenge,
      { purpose: 'registration', egn: session.subject },
      CHALLENGE_TTL_S,
    );
    return options;
  }

  async register(session: RegisteringSession, registration: PasskeyRegistration): Promise<Passkey> {
    if (!isPinSession(session.amr) || typeof session.acr !== 'string')
      throw new AppError('passkey-needs-eid-sign-in');
    const response = registration.response as unknown as RegistrationResponseJSON;
    const challenge = challengeOf(response.response?.clientDataJSON);
    await this.takeChallenge(challenge, { purpose: 'registration', egn: session.subject });
    const verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.rp.origin,
      expectedRPID: this.rp.rpID,
      requireUserVerification: true,
    }).catch((error: Error) => {
      throw new AppError('passkey-verification-failed', error.message);
    });
    if (!verified.verified) throw new AppError('passkey-verification-failed');
    const { credential, credentialDeviceType } = verified.registrationInfo;
    if ((await this.store.listOf(session.subject)).length >= MAX_PASSKEYS)
      throw new AppError('passkey-limit-reached');
    const id = await this.store.add({
      egn: session.subject,
      credentialId: credential.id,
      publicKey: credential.publicKey,
      signCount: credential.counter,
      transports: credential.transports ?? [],
      deviceName: registration.deviceName.trim(),
      registeredAcr: session.acr,
      backupEligible: credentialDeviceType === 'multiDevice',
    });
    if (!id) throw new AppError('passkey-already-registered');
    const stored = (await this.store.listOf(session.subject)).find((passkey) => passkey.id === id)!;
    return passkeyView(stored);
  }

  async list(egn: string): Promise<Passkey[]> {
    return (await this.store.listOf(egn)).map(passkeyView);
  }

  /** Removes one of the person's passkeys; another person's is "not found", like a missing one. */
  async remove(egn: string, id: string): Promise<void> {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (!uuid.test(id) || !(await this.store.remove(egn, id.toLowerCase())))
      throw new AppError('passkey-not-found');
  }

  /** Options for the sign-in page: no credential listed (discoverable), user verification required. */
  async authenticationOptions(interactionUid: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const options = await generateAuthenticationOptions({
      rpID: this.rp.rpID,
      userVerification: 'required',
      timeout: CEREMONY_TIMEOUT_MS,
    });
    await this.store.issueChallenge(
      options.challenge,
      { purpose: 'authentication', interactionUid },
      CHALLENGE_TTL_S,
    );
    return options;
  }

  /**
   * Verifies a sign-in with a passkey for an interaction: its challenge, the credential and its
   * owner, the signature with user verification, and a counter above the last one seen. Answers
   * whom it signs in and at which level, or refuses when the relying party asked for more.
   */
  async authenticate(
    interactionUid: string,
    assertion: PasskeyAssertion,
    requestedLevel: string | undefined,
  ): Promise<{ egn: string; assurance: Assurance }> {
    const response = assertion as unknown as AuthenticationResponseJSON;
    const challenge = challengeOf(response.response?.clientDataJSON);
    await this.takeChallenge(challenge, { purpose: 'authentication', interactionUid });
    const passkey = await this.store.findByCredentialId(response.id);
    if (!passkey) throw new AppError('passkey-not-recognised');
    const userHandle = response.response?.userHandle;
    if (userHandle !== undefined && userHandle !== (await this.store.userHandleOf(passkey.egn)))
      throw new AppError('passkey-not-recognised', 'The passkey belongs to another account.');
    const newCount = await this.verifyAssertion(response, challenge, passkey);
    if (!(await this.store.recordUse(passkey, newCount))) throw new AppError('passkey-counter-regressed');
    const assurance = passkeyAssurance(passkey);
    if (!satisfies(assurance.acr, requestedLevel)) throw new AppError('passkey-level-too-low');
    return { egn: passkey.egn, assurance };
  }

  private async verifyAssertion(
    response: AuthenticationResponseJSON,
    challenge: string,
    passkey: StoredPasskey,
  ): Promise<number> {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: this.rp.origin,
      expectedRPID: this.rp.rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.signCount,
        transports: passkey.transports as AuthenticatorTransport[],
      },
    }).catch((error: Error) => {
      // The library refuses a counter not above the stored one (both 0: an authenticator without one).
      if (/counter/i.test(error.message)) throw new AppError('passkey-counter-regressed', error.message);
      throw new AppError('passkey-verification-failed', error.message);
    });
    if (!verified.verified) throw new AppError('passkey-verification-failed');
    return verified.authenticationInfo.newCounter;
  }

  private async takeChallenge(challenge: string, binding: ChallengeBinding): Promise<void> {
    if (!(await this.store.consumeChallenge(challenge, binding)))
      throw new AppError('passkey-challenge-invalid');
  }
}
