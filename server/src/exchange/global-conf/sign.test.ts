import { describe, expect, it } from 'vitest';
import { createSampleRegistry, sampleGlobalConfiguration } from './sample-configuration.ts';
import { signGlobalConfiguration } from './sign.ts';

describe('signGlobalConfiguration', () => {
  it('refuses a signer certificate that is not a PEM certificate', async () => {
    const registry = await createSampleRegistry();
    await expect(
      signGlobalConfiguration(sampleGlobalConfiguration(registry), {
        privateKeyPem: registry.signer.privateKeyPem,
        certificatePem: 'not a certificate',
      }),
    ).rejects.toThrow(/not a PEM certificate/);
  });
});
