import { TEST_CLAIMS, TEST_STATUS_URI, walletFixture } from '@civitas/wallet/sd-jwt/testing.ts';
import { describe, expect, it } from 'vitest';
import { decodeSdJwtVc } from './credential-decode.ts';

describe('an issued SD-JWT VC read for the wallet’s card', () => {
  it('shows every disclosed claim where its digest is, with the expiry and status reference', async () => {
    const fixture = await walletFixture();
    const credential = await fixture.issue();
    const decoded = await decodeSdJwtVc(credential);
    expect(decoded.type).toBe('urn:eudi:pid:1');
    expect(decoded.claims).toEqual(TEST_CLAIMS);
    expect(decoded.status).toEqual({ uri: TEST_STATUS_URI, idx: 3 });
    expect(decoded.validUntil).toBe(new Date((fixture.seconds + 86_400) * 1000).toISOString());
  });

  it('drops a disclosure that no digest references, and refuses what is not an SD-JWT VC', async () => {
    const fixture = await walletFixture();
    const credential = await fixture.issue();
    const stray = btoa(JSON.stringify(['salt', 'family_name', 'Forged'])).replace(/=+$/, '');
    const tampered = credential.replace(/~$/, `~${stray}~`);
    expect((await decodeSdJwtVc(tampered)).claims.family_name).toBe('Petrova');
    await expect(decodeSdJwtVc('not.an.sd-jwt~')).rejects.toThrow();
  });
});
