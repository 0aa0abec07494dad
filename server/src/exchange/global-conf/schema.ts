import { Type } from '@sinclair/typebox';

/**
 * The shape a node accepts, checked after the signature: a correctly signed document from a newer
 * or buggy registry must still not crash a node. Extra properties are allowed so that a registry
 * can add fields before every node understands them.
 */
const nonEmpty = Type.String({ minLength: 1 });
const pem = Type.String({ pattern: '^-----BEGIN CERTIFICATE-----' });

export const globalConfigurationSchema = Type.Object({
  instance: nonEmpty,
  serial: Type.Integer({ minimum: 0 }),
  generatedAt: nonEmpty,
  expiresAt: nonEmpty,
  certificateAuthorities: Type.Array(pem, { minItems: 1 }),
  members: Type.Array(
    Type.Object({
      memberClass: nonEmpty,
      memberCode: nonEmpty,
      name: Type.String(),
      subsystems: Type.Array(Type.Object({ code: nonEmpty, name: Type.String() })),
      signingCertificates: Type.Array(pem),
    }),
  ),
  nodes: Type.Array(
    Type.Object({
      id: nonEmpty,
      address: Type.String({ pattern: '^https://' }),
      tlsCertificate: pem,
      members: Type.Array(nonEmpty),
    }),
  ),
  services: Type.Array(
    Type.Object({ id: nonEmpty, name: Type.String(), description: Type.Optional(Type.String()) }),
  ),
  globalGroups: Type.Array(
    Type.Object({ code: nonEmpty, description: Type.String(), members: Type.Array(nonEmpty) }),
  ),
  revokedCertificates: Type.Array(Type.String({ pattern: '^[0-9a-f]+$' })),
});
