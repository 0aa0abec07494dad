import { describe, expect, it } from 'vitest';
import { deviceErrorOf, guessDeviceName } from './passkeys-api.ts';

describe('registering a passkey for this device', () => {
  it('suggests a device name from the browser, or none', () => {
    expect(guessDeviceName('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36')).toBe('Android');
    expect(guessDeviceName('Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X)')).toBe('iPhone');
    expect(guessDeviceName('Mozilla/5.0 (Windows NT 10.0; Win64; x64)')).toBe('Windows');
    expect(guessDeviceName('curl/8')).toBeNull();
  });

  it('tells a cancelled ceremony, a device that has a passkey already, and an unusable one apart', () => {
    const named = (name: string) => Object.assign(new Error('x'), { name });
    expect(deviceErrorOf(named('NotAllowedError'))).toBe('cancelled');
    expect(deviceErrorOf(named('InvalidStateError'))).toBe('alreadyOnDevice');
    expect(deviceErrorOf(named('SecurityError'))).toBe('unsupported');
    expect(deviceErrorOf(named('TypeError'))).toBeNull();
    expect(deviceErrorOf('nothing')).toBeNull();
  });
});
