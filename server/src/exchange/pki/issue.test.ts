import { beforeAll, describe, expect, it } from 'vitest';
import { type CertificateAuthority, createCertificateAuthority } from './certificate-authority.ts';
import { issueNodeCertificate, issueSigningCertificate } from './issue.ts';
import { parseCertificate, x509 } from './x509.ts';

let ca: CertificateAuthority;
beforeAll(async () => {
  ca = await createCertificateAuthority({ commonName: 'Test CA', validDays: 30 });
});

describe('issueNodeCertificate', () => {
  it('issues a TLS certificate for client and server use, named by node id, hostnames and IPs', async () => {
    const issued = await issueNodeCertificate(ca, {
      nodeId: 'node-mvr',
      hostnames: ['mvr.node.civitas.test'],
      ipAddresses: ['127.0.0.1'],
      validDays: 10,
    });
    const certificate = parseCertificate(issued.certificatePem);

    expect(certificate.subject).toBe('CN=node-mvr');
    expect(certificate.issuer).toBe('CN=Test CA');
    const san = certificate.getExtension(x509.SubjectAlternativeNameExtension)?.names.toJSON();
    expect(san).toEqual([
      { type: 'dns', value: 'mvr.node.civitas.test' },
      { type: 'ip', value: '127.0.0.1' },
    ]);
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)?.usages).toEqual([
      x509.ExtendedKeyUsage.serverAuth,
      x509.ExtendedKeyUsage.clientAuth,
    ]);
    expect(certificate.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature,
    );
    const caKeyId = parseCertificate(ca.certificatePem).getExtension(
      x509.SubjectKeyIdentifierExtension,
    )?.keyId;
    expect(certificate.getExtension(x509.AuthorityKeyIdentifierExtension)?.keyId).toBe(caKeyId);
    expect(
      await certificate.verify({
        publicKey: parseCertificate(ca.certificatePem).publicKey,
        signatureOnly: true,
      }),
    ).toBe(true);
    expect(issued.notAfter).toBe(certificate.notAfter.toISOString());
    expect(Date.parse(issued.notAfter) - Date.now()).toBeGreaterThan(9.9 * 86_400_000);
  });

  it('gives every certificate a random positive 16-byte serial in lower-case hex', async () => {
    const serials = await Promise.all(
      Array.from({ length: 5 }, () =>
        issueNodeCertificate(ca, { nodeId: 'n', hostnames: ['n.test'], ipAddresses: [] }).then(
          (c) => c.serialNumber,
        ),
      ),
    );
    for (const serial of serials) {
      expect(serial).toMatch(/^[1-7][0-9a-f]{31}$/);
    }
    expect(new Set(serials).size).toBe(serials.length);
  });

  it('refuses a certificate that names no host', async () => {
    await expect(issueNodeCertificate(ca, { nodeId: 'n', hostnames: [], ipAddresses: [] })).rejects.toThrow();
  });
});

describe('issueSigningCertificate', () => {
  it('issues a non-repudiation certificate whose CN is the member id', async () => {
    const issued = await issueSigningCertificate(ca, { memberId: 'BG/GOV/000695235' });
    const certificate = parseCertificate(issued.certificatePem);

    expect(certificate.subjectName.getField('CN')).toEqual(['BG/GOV/000695235']);
    expect(certificate.getExtension(x509.KeyUsagesExtension)?.usages).toBe(
      x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation,
    );
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)).toBeNull();
    expect(certificate.getExtension(x509.BasicConstraintsExtension)?.ca).toBe(false);
  });

  it('refuses what is not a member id', async () => {
    for (const memberId of ['BG/GOV', 'BG/GOV/1/2', 'BG//1', 'BG/GOV/ 1']) {
      await expect(issueSigningCertificate(ca, { memberId })).rejects.toThrow(/member id/);
    }
  });
});
