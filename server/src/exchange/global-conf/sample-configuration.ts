/**
 * A small, valid global configuration and a registry that signs it, for tests here and in the
 * exchange protocol's tests.
 */
import { type CertificateAuthority, createCertificateAuthority } from '../pki/certificate-authority.ts';
import { type IssuedCertificate, issueNodeCertificate, issueSigningCertificate } from '../pki/issue.ts';
import type { GlobalConfiguration } from './types.ts';

export const centralRegistryMemberId = 'BG/GOV/central-registry';

export interface SampleRegistry {
  ca: CertificateAuthority;
  /** The registry's signing certificate: the configuration anchor nodes hold. */
  signer: IssuedCertificate;
  node: IssuedCertificate;
  memberSigner: IssuedCertificate;
}

export async function createSampleRegistry(): Promise<SampleRegistry> {
  const ca = await createCertificateAuthority({ commonName: 'Civitas Test CA', validDays: 30 });
  const [signer, node, memberSigner] = await Promise.all([
    issueSigningCertificate(ca, { memberId: centralRegistryMemberId }),
    issueNodeCertificate(ca, { nodeId: 'node-mvr', hostnames: ['localhost'], ipAddresses: ['127.0.0.1'] }),
    issueSigningCertificate(ca, { memberId: 'BG/GOV/000695235' }),
  ]);
  return { ca, signer, node, memberSigner };
}

export function sampleGlobalConfiguration(
  registry: SampleRegistry,
  { serial = 1, generatedAt = new Date(), validMs = 60 * 60 * 1000 } = {},
): GlobalConfiguration {
  return {
    instance: 'BG',
    serial,
    generatedAt: generatedAt.toISOString(),
    expiresAt: new Date(generatedAt.getTime() + validMs).toISOString(),
    certificateAuthorities: [registry.ca.certificatePem],
    members: [
      {
        memberClass: 'GOV',
        memberCode: '000695235',
        name: 'Ministry of Interior',
        subsystems: [{ code: 'vehicle-register', name: 'Vehicle register' }],
        signingCertificates: [registry.memberSigner.certificatePem],
      },
    ],
    nodes: [
      {
        id: 'node-mvr',
        address: 'https://127.0.0.1:8443',
        tlsCertificate: registry.node.certificatePem,
        members: ['BG/GOV/000695235'],
      },
    ],
    services: [{ id: 'BG/GOV/000695235/vehicle-register/vehicles', name: 'Vehicles' }],
    globalGroups: [
      {
        code: 'security-servers',
        description: 'All subsystems',
        members: ['BG/GOV/000695235/vehicle-register'],
      },
    ],
    revokedCertificates: [],
  };
}
