import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../../db/index.ts';
import { type Catalogue, memberIdOf, registryMemberOf } from '../catalogue.ts';
import { signGlobalConfiguration } from '../global-conf/sign.ts';
import type { GlobalConfiguration } from '../global-conf/types.ts';
import { AccessRights } from '../node/access-rights.ts';
import { createCertificateAuthority } from '../pki/certificate-authority.ts';
import { certificateSerial } from '../pki/certificate-fields.ts';
import { issueNodeCertificate, issueSigningCertificate } from '../pki/issue.ts';
import type { MemberSigner } from '../protocol/signing.ts';
import type { ExchangeServiceDefinition } from '../service-definition.ts';
import type { CertificateRow, ExchangeTables } from '../tables.ts';
import { type DefaultClients, defaultRights } from './default-rights.ts';

const BOOTSTRAP_ACTOR = 'system:bootstrap';

/** What the composition hands the central registry: the instance's members, services and clients. */
export interface RegistrySetup {
  catalogue: Catalogue;
  /** The register services hosted, keyed by full service id. */
  services: ReadonlyMap<string, ExchangeServiceDefinition>;
  /** The clients a fresh installation grants default rights to. */
  defaultClients: DefaultClients;
}

export interface LocalNodeSetup {
  nodeId: string;
  address: string;
  hostnames: string[];
}

async function certificate(db: Kysely<ExchangeTables>, kind: CertificateRow['kind'], owner: string) {
  return db
    .selectFrom('exchange.certificates')
    .selectAll()
    .where('kind', '=', kind)
    .where('owner', '=', owner)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/** The registry's signing certificate: one registry per database, whatever its instance. */
async function registryCertificate(db: Kysely<ExchangeTables>) {
  return db
    .selectFrom('exchange.certificates')
    .selectAll()
    .where('kind', '=', 'registry')
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

async function store(
  db: Kysely<ExchangeTables>,
  kind: CertificateRow['kind'],
  owner: string,
  issued: { serialNumber: string; certificatePem: string; privateKeyPem: string },
) {
  await db
    .insertInto('exchange.certificates')
    .values({
      serial: issued.serialNumber,
      kind,
      owner,
      certificate_pem: issued.certificatePem,
      private_key_pem: issued.privateKeyPem,
      revoked_at: null,
      created_at: new Date(),
    })
    .execute();
}

/**
 * First start of a one-node installation: the platform CA, the registry's signing key, the
 * catalogue of members, subsystems and services, a signing certificate per member, the node
 * with its TLS certificate, and the portal's default access rights. Idempotent.
 */
export async function ensureExchangeSetup(
  connection: Connection,
  setup: RegistrySetup,
  node: LocalNodeSetup,
): Promise<void> {
  const db = tablesOf<ExchangeTables>(connection);
  await ensureRegistrySetup(db, setup);
  const memberIds = setup.catalogue.members.map((member) => memberIdOf(setup.catalogue, member));
  // On first start the one node hosts every member; later starts keep whatever hosting the
  // registry holds (members may have moved to other nodes with `registerNode`).
  await db
    .insertInto('exchange.nodes')
    .values({ node_id: node.nodeId, address: node.address, members: memberIds })
    .onConflict((conflict) => conflict.column('node_id').doUpdateSet({ address: node.address }))
    .execute();
  await ensureNodeCertificate(db, node.nodeId, node.hostnames, ['127.0.0.1']);
}

/**
 * The central registry without any node: the platform CA, the registry's signing key, the
 * catalogue with a signing certificate per member, the services, and the portal's default
 * access rights. Idempotent.
 */
export async function ensureRegistrySetup(connection: Connection, setup: RegistrySetup): Promise<void> {
  const db = tablesOf<ExchangeTables>(connection);
  const { catalogue, services } = setup;
  let ca = await certificate(db, 'ca', 'platform');
  if (!ca) {
    const created = await createCertificateAuthority({ commonName: 'Civitas Platform CA', validDays: 3650 });
    await store(db, 'ca', 'platform', {
      ...created,
      serialNumber: certificateSerial(created.certificatePem),
    });
    ca = await certificate(db, 'ca', 'platform');
  }
  const authority = { certificatePem: ca!.certificate_pem, privateKeyPem: ca!.private_key_pem! };
  if (!(await registryCertificate(db))) {
    const registryMember = registryMemberOf(catalogue);
    await store(
      db,
      'registry',
      registryMember,
      await issueSigningCertificate(authority, { memberId: registryMember, validDays: 3650 }),
    );
  }
  for (const member of catalogue.members) {
    const memberId = memberIdOf(catalogue, member);
    await db
      .insertInto('exchange.members')
      .values({
        member_id: memberId,
        member_class: member.memberClass,
        member_code: member.memberCode,
        name: member.name,
      })
      .onConflict((conflict) => conflict.column('member_id').doUpdateSet({ name: member.name }))
      .execute();
    for (const subsystem of member.subsystems) {
      await db
        .insertInto('exchange.subsystems')
        .values({
          subsystem_id: `${memberId}/${subsystem.code}`,
          member_id: memberId,
          code: subsystem.code,
          name: subsystem.name,
        })
        .onConflict((conflict) => conflict.column('subsystem_id').doUpdateSet({ name: subsystem.name }))
        .execute();
    }
    if (!(await certificate(db, 'signing', memberId))) {
      await store(
        db,
        'signing',
        memberId,
        await issueSigningCertificate(authority, { memberId, validDays: 730 }),
      );
    }
  }
  for (const [serviceId, definition] of services) {
    await db
      .insertInto('exchange.services')
      .values({
        service_id: serviceId,
        subsystem_id: serviceId.split('/').slice(0, 4).join('/'),
        name: definition.name,
        description: definition.description,
      })
      .onConflict((conflict) =>
        conflict
          .column('service_id')
          .doUpdateSet({ name: definition.name, description: definition.description }),
      )
      .execute();
  }
  await ensureDefaultRights(db, services.keys(), setup.defaultClients);
}

/**
 * Grants each default client its default rights (`default-rights.ts`) once: a client the first
 * start, or a later version, has already granted defaults to keeps whatever an administrator
 * made of them since. The admin log says which clients the bootstrap has granted to.
 */
async function ensureDefaultRights(
  db: Kysely<ExchangeTables>,
  services: Iterable<string>,
  clients: DefaultClients,
): Promise<void> {
  const granted = await db
    .selectFrom('exchange.admin_log')
    .select('details')
    .where('actor', '=', BOOTSTRAP_ACTOR)
    .where('action', '=', 'access-right.granted')
    .execute();
  const done = new Set(granted.map((row) => (JSON.parse(row.details) as { client?: string }).client));
  const rights = new AccessRights(db);
  for (const right of defaultRights(services, clients)) {
    if (!done.has(right.client)) await rights.grant(right, BOOTSTRAP_ACTOR);
  }
}

export interface NodeRegistration {
  nodeId: string;
  /** `https://host:port`, where other nodes reach this node's mutual-TLS listener. */
  address: string;
  /** The members the node hosts; they move here from any node that hosted them before. */
  members: readonly string[];
  hostnames?: string[];
  ipAddresses?: string[];
}

/**
 * The registry admits a node: records its address and the members it hosts, and issues its TLS
 * certificate from the platform CA (once; an unrevoked certificate is kept). A member is hosted
 * by one node at a time in this platform, because a consumer's node sends to the first node
 * that lists the provider's member.
 */
export async function registerNode(connection: Connection, node: NodeRegistration): Promise<void> {
  const db = tablesOf<ExchangeTables>(connection);
  if (!(await certificate(db, 'ca', 'platform'))) {
    throw new Error('The central registry is not set up in this database: start it first (civitas serve).');
  }
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(node.nodeId)) {
    throw new Error('A node id is 1-64 letters, digits or . _ -');
  }
  const known = new Set(
    (await db.selectFrom('exchange.members').select('member_id').execute()).map((row) => row.member_id),
  );
  const unknown = node.members.filter((member) => !known.has(member));
  if (unknown.length > 0) throw new Error(`Not registered members: ${unknown.join(', ')}`);
  const members = [...new Set(node.members)];
  await db.transaction().execute(async (trx) => {
    const others = await trx
      .selectFrom('exchange.nodes')
      .selectAll()
      .where('node_id', '!=', node.nodeId)
      .execute();
    for (const other of others) {
      const kept = other.members.filter((member) => !members.includes(member));
      if (kept.length !== other.members.length) {
        await trx
          .updateTable('exchange.nodes')
          .set({ members: kept })
          .where('node_id', '=', other.node_id)
          .execute();
      }
    }
    await trx
      .insertInto('exchange.nodes')
      .values({ node_id: node.nodeId, address: node.address, members })
      .onConflict((conflict) => conflict.column('node_id').doUpdateSet({ address: node.address, members }))
      .execute();
  });
  await ensureNodeCertificate(
    db,
    node.nodeId,
    node.hostnames ?? ['localhost'],
    node.ipAddresses ?? ['127.0.0.1'],
  );
}

async function ensureNodeCertificate(
  db: Kysely<ExchangeTables>,
  nodeId: string,
  hostnames: string[],
  ipAddresses: string[],
): Promise<void> {
  if (await certificate(db, 'tls', nodeId)) return;
  const ca = await certificate(db, 'ca', 'platform');
  if (!ca?.private_key_pem) throw new Error('the platform CA is missing');
  await store(
    db,
    'tls',
    nodeId,
    await issueNodeCertificate(
      { certificatePem: ca.certificate_pem, privateKeyPem: ca.private_key_pem },
      { nodeId, hostnames, ipAddresses },
    ),
  );
}

/** The registry's view, as the signed document every node fetches. */
export async function buildGlobalConfiguration(
  connection: Connection,
  validityMs: number,
): Promise<GlobalConfiguration> {
  const db = tablesOf<ExchangeTables>(connection);
  const [registry, members, subsystems, nodes, services, groups, certificates] = await Promise.all([
    registryCertificate(db),
    db.selectFrom('exchange.members').selectAll().orderBy('member_id').execute(),
    db.selectFrom('exchange.subsystems').selectAll().orderBy('subsystem_id').execute(),
    db.selectFrom('exchange.nodes').selectAll().orderBy('node_id').execute(),
    db.selectFrom('exchange.services').selectAll().orderBy('service_id').execute(),
    db.selectFrom('exchange.global_groups').selectAll().orderBy('code').execute(),
    db
      .selectFrom('exchange.certificates')
      .select(['serial', 'kind', 'owner', 'certificate_pem', 'revoked_at'])
      .execute(),
  ]);
  const now = Date.now();
  const valid = certificates.filter((row) => row.revoked_at === null);
  return {
    // The instance is the one the registry's own member id was made in.
    instance: registry?.owner.split('/')[0] ?? '',
    serial: now,
    generatedAt: new Date(now).toISOString(),
    expiresAt: new Date(now + validityMs).toISOString(),
    certificateAuthorities: valid.filter((row) => row.kind === 'ca').map((row) => row.certificate_pem),
    members: members.map((member) => ({
      memberClass: member.member_class,
      memberCode: member.member_code,
      name: member.name,
      subsystems: subsystems
        .filter((subsystem) => subsystem.member_id === member.member_id)
        .map((subsystem) => ({ code: subsystem.code, name: subsystem.name })),
      signingCertificates: valid
        .filter((row) => row.kind === 'signing' && row.owner === member.member_id)
        .map((row) => row.certificate_pem),
    })),
    nodes: nodes.flatMap((node) => {
      const tls = valid.find((row) => row.kind === 'tls' && row.owner === node.node_id);
      return tls
        ? [
            {
              id: node.node_id,
              address: node.address,
              tlsCertificate: tls.certificate_pem,
              members: node.members,
            },
          ]
        : [];
    }),
    services: services.map((service) => ({
      id: service.service_id,
      name: service.name,
      description: service.description,
    })),
    globalGroups: groups.map((group) => ({
      code: group.code,
      description: group.description,
      members: group.members,
    })),
    revokedCertificates: certificates.filter((row) => row.revoked_at !== null).map((row) => row.serial),
  };
}

export async function publishGlobalConfiguration(
  connection: Connection,
  validityMs: number,
): Promise<string> {
  const db = tablesOf<ExchangeTables>(connection);
  const signer = await registryCertificate(db);
  if (!signer) throw new Error('the central registry has no signing key');
  return signGlobalConfiguration(await buildGlobalConfiguration(db, validityMs), {
    privateKeyPem: signer.private_key_pem!,
    certificatePem: signer.certificate_pem,
  });
}

export async function registryAnchor(connection: Connection): Promise<string> {
  const db = tablesOf<ExchangeTables>(connection);
  const signer = await registryCertificate(db);
  if (!signer) throw new Error('the central registry has no signing key');
  return signer.certificate_pem;
}

/** The signing keys of the members a node hosts (their private keys live with the node). */
export async function loadSigners(
  connection: Connection,
  memberIds: readonly string[],
): Promise<Map<string, MemberSigner>> {
  const db = tablesOf<ExchangeTables>(connection);
  const signers = new Map<string, MemberSigner>();
  for (const memberId of memberIds) {
    const row = await certificate(db, 'signing', memberId);
    if (!row?.private_key_pem) continue;
    signers.set(memberId, {
      memberId,
      certificateSerial: row.serial,
      privateKey: crypto.createPrivateKey(row.private_key_pem),
    });
  }
  return signers;
}

export async function nodeTlsCredentials(connection: Connection, nodeId: string) {
  const db = tablesOf<ExchangeTables>(connection);
  const [tls, ca] = await Promise.all([certificate(db, 'tls', nodeId), certificate(db, 'ca', 'platform')]);
  if (!tls?.private_key_pem || !ca) throw new Error(`node ${nodeId} has no TLS certificate`);
  return {
    certificatePem: tls.certificate_pem,
    privateKeyPem: tls.private_key_pem,
    caPem: ca.certificate_pem,
  };
}
