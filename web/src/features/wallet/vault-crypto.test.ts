import { describe, expect, it } from 'vitest';
import {
  createDataKey,
  createDeviceLock,
  isValidPin,
  openDataKey,
  openDataKeyWithDevice,
  seal,
  unseal,
} from './vault-crypto.ts';

// Few iterations keep the test quick; the derivation is the same.
const FAST = 1000;

describe('the wallet is encrypted at rest under the PIN', () => {
  it('opens with the right PIN and reads back what was sealed', async () => {
    const { lock, dataKey } = await createDataKey('482913', FAST);
    const sealed = await seal(dataKey, { name: 'Ivan', copies: [1, 2] });
    expect(sealed.data).not.toContain('Ivan');
    const reopened = await openDataKey(lock, '482913');
    expect(reopened).not.toBeNull();
    expect(await unseal(reopened as CryptoKey, sealed)).toEqual({ name: 'Ivan', copies: [1, 2] });
  });

  it('refuses a wrong PIN', async () => {
    const { lock } = await createDataKey('482913', FAST);
    expect(await openDataKey(lock, '482914')).toBeNull();
    expect(await openDataKey(lock, 'abcdef')).toBeNull();
  });

  it('never lets the data key be read out', async () => {
    const { lock, dataKey } = await createDataKey('482913', FAST);
    expect(dataKey.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', dataKey)).rejects.toThrow();
    const reopened = (await openDataKey(lock, '482913')) as CryptoKey;
    expect(reopened.extractable).toBe(false);
  });

  it('detects a tampered ciphertext', async () => {
    const { dataKey } = await createDataKey('482913', FAST);
    const sealed = await seal(dataKey, 'secret');
    const flipped = `${sealed.data.startsWith('A') ? 'B' : 'A'}${sealed.data.slice(1)}`;
    await expect(unseal(dataKey, { ...sealed, data: flipped })).rejects.toThrow();
  });

  it('takes 6 to 12 digits and nothing else as a PIN', () => {
    expect(isValidPin('123456')).toBe(true);
    expect(isValidPin('123456789012')).toBe(true);
    expect(isValidPin('12345')).toBe(false);
    expect(isValidPin('1234567890123')).toBe(false);
    expect(isValidPin('12345\n')).toBe(false);
    expect(isValidPin('12 3456')).toBe(false);
    expect(isValidPin('١٢٣٤٥٦')).toBe(false);
  });
});

describe('the platform authenticator opens the same wallet (WebAuthn PRF)', () => {
  const prf = () => crypto.getRandomValues(new Uint8Array(32)).buffer;
  const device = (prfOutput: ArrayBuffer) => ({ credentialId: 'cred-1', prfSalt: 'salt-1', prfOutput });

  it('opens with the PRF output the lock was made with, and reads what the PIN sealed', async () => {
    const { lock, dataKey } = await createDataKey('482913', FAST);
    const sealed = await seal(dataKey, { name: 'Ivan' });
    const output = prf();
    const deviceLock = await createDeviceLock(lock, '482913', device(output));
    expect(deviceLock).not.toBeNull();
    expect(JSON.stringify(deviceLock)).not.toContain('482913');
    const opened = (await openDataKeyWithDevice(deviceLock!, output)) as CryptoKey;
    expect(opened.extractable).toBe(false);
    expect(await unseal(opened, sealed)).toEqual({ name: 'Ivan' });
  });

  it('is not made without the right PIN, and opens for no other authenticator', async () => {
    const { lock } = await createDataKey('482913', FAST);
    expect(await createDeviceLock(lock, '482914', device(prf()))).toBeNull();
    const deviceLock = (await createDeviceLock(lock, '482913', device(prf())))!;
    expect(await openDataKeyWithDevice(deviceLock, prf())).toBeNull();
    await expect(openDataKeyWithDevice(deviceLock, new Uint8Array(16).buffer)).resolves.toBeNull();
  });
});
