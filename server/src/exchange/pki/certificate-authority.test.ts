import { describe, expect, it } from 'vitest';
import { createCertificateAuthority } from './certificate-authority.ts';
import { parseCertificate, x509 } from './x509.ts';

describe('createCertificateAuthority', () => {
  it('creates a self-signed root that may sign certificates and CRLs only', async () => {
    const ca = await createCertificateAuthority({ commonName: 'Civitas Platform CA', validDays: 3650 });
    const certificate = parseCertificate(ca.certificatePem);

    expect(certificate.subject).toBe('CN=Civitas Platform CA');
    expect(await certificate.isSelfSigned()).toBe(true);
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(true);
    expect(certificate.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign,
    );
    expect(certificate.getExtension(x509.SubjectKeyIdentifierExtension)?.keyId).toMatch(/^[0-9a-f]+$/);
    expect(certificate.notAfter.getTime() - Date.now()).toBeGreaterThan(3649 * 86_400_000);
    expect(ca.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
  });
});
