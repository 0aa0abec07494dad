import type { Passkey, PasskeyList } from '@civitas/contracts/api/passkeys.ts';
import { startRegistration } from '@simplewebauthn/browser';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export const PASSKEYS_PATH = '/api/identity/passkeys';

export async function fetchPasskeys(signal: AbortSignal): Promise<Passkey[]> {
  return (await apiGet<PasskeyList>(PASSKEYS_PATH, { signal })).items;
}

/**
 * Registers a passkey for this device: the eID's options, the device's authenticator (which asks
 * for the screen lock or a fingerprint), then the eID checks and keeps the answer.
 */
export async function registerPasskey(deviceName: string): Promise<Passkey> {
  const options = await (await apiSend('POST', `${PASSKEYS_PATH}/registration-options`)).json();
  const response = await startRegistration({ optionsJSON: options });
  return (await (await apiSend('POST', PASSKEYS_PATH, { deviceName, response })).json()) as Passkey;
}

export async function removePasskey(id: string): Promise<void> {
  await apiSend('DELETE', `${PASSKEYS_PATH}/${encodeURIComponent(id)}`);
}

/** A first name for this device, from what the browser says it runs on (the person may change it). */
export function guessDeviceName(userAgent: string): string | null {
  const platforms: Array<[RegExp, string]> = [
    [/iPhone/, 'iPhone'],
    [/iPad/, 'iPad'],
    [/Android/, 'Android'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'Mac'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ];
  return platforms.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null;
}

/** Why the device's authenticator did not make a passkey, as a key of `passkeys.deviceErrors`. */
export function deviceErrorOf(error: unknown): 'cancelled' | 'alreadyOnDevice' | 'unsupported' | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'NotAllowedError' || error.name === 'AbortError') return 'cancelled';
  if (error.name === 'InvalidStateError') return 'alreadyOnDevice';
  if (error.name === 'NotSupportedError' || error.name === 'SecurityError') return 'unsupported';
  return null;
}
