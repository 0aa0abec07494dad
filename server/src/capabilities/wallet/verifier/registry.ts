/**
 * Registered verifiers: the relying parties the platform hosts, each with its organisation, its
 * intended use (the checks it may ask) and an access certificate from the wallet's PKI. Three demo
 * verifiers are seeded outside production: a shop's till (a pharmacy, operated by the pharmacist
 * demo account), the traffic police (police) and a municipality desk (official).
 */
import { type CheckId, isCheckId } from '@civitas/wallet/checks.ts';
import type { X509Signer } from '@civitas/wallet/formats.ts';
import type { Kysely } from 'kysely';
import type { VerifierTables } from './tables.ts';

export interface RegisteredVerifier {
  id: string;
  name: string;
  organisation: string;
  dnsName: string;
  clientId: string;
  checks: CheckId[];
  operatorRole: string;
}

/** What the verifier needs of the wallet's PKI (trust/service.ts's `WalletTrustService`). */
export interface VerifierTrust {
  /** The issuers' trust anchors (base64 DER). */
  trustAnchors(): Promise<readonly string[]>;
  issueVerifierCertificate(request: { name: string; organisation: string; dnsName: string }): Promise<{
    signer: X509Signer;
  }>;
  verifierSigner(dnsName: string): Promise<{ signer: X509Signer } | null>;
}

export const DEMO_VERIFIERS: ReadonlyArray<Omit<RegisteredVerifier, 'clientId'>> = [
  {
    id: 'shop-pharmacy',
    name: 'Аптека „Св. Пантелеймон“ — каса',
    organisation: 'Аптека „Св. Пантелеймон“',
    dnsName: 'apteka-sv-panteleimon.verifiers.civitas.bg',
    checks: ['over-18', 'identity'],
    operatorRole: 'pharmacist',
  },
  {
    id: 'traffic-police',
    name: 'Пътна полиция — патрул',
    organisation: 'Столична дирекция на вътрешните работи',
    dnsName: 'patrol.verifiers.civitas.bg',
    checks: ['driving-licence-b', 'vehicle-registration', 'identity'],
    operatorRole: 'police',
  },
  {
    id: 'municipality-desk',
    name: 'Гише „Административно обслужване“',
    organisation: 'Столична община',
    dnsName: 'desk.verifiers.civitas.bg',
    checks: ['identity', 'vehicle-registration'],
    operatorRole: 'official',
  },
];

export class VerifierRegistry {
  private readonly db: Kysely<VerifierTables>;
  private readonly trust: VerifierTrust;

  constructor(db: Kysely<VerifierTables>, trust: VerifierTrust) {
    this.db = db;
    this.trust = trust;
  }

  /** Seeds the demo verifiers (idempotent); the caller does it only outside production. */
  async seedDemo(): Promise<void> {
    await this.db
      .insertInto('wallet.verifiers')
      .values(
        DEMO_VERIFIERS.map((verifier) => ({
          id: verifier.id,
          name: verifier.name,
          organisation: verifier.organisation,
          dns_name: verifier.dnsName,
          checks: JSON.stringify(verifier.checks),
          operator_role: verifier.operatorRole,
          source: 'demo',
        })),
      )
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  /** The verifier a staff member acts for, by their roles (the first registered one). */
  async forRoles(roles: readonly string[]): Promise<RegisteredVerifier | null> {
    if (roles.length === 0) return null;
    const rows = await this.db
      .selectFrom('wallet.verifiers')
      .selectAll()
      .where('operator_role', 'in', [...roles])
      .orderBy('id')
      .execute();
    const row = rows[0];
    return row ? toVerifier(row) : null;
  }

  async byId(id: string): Promise<RegisteredVerifier | null> {
    const row = await this.db
      .selectFrom('wallet.verifiers')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toVerifier(row) : null;
  }

  /** The verifier's access-certificate signer, issued on first use. */
  async signerOf(verifier: RegisteredVerifier): Promise<X509Signer> {
    const existing = await this.trust.verifierSigner(verifier.dnsName);
    if (existing) return existing.signer;
    const issued = await this.trust.issueVerifierCertificate({
      name: verifier.name,
      organisation: verifier.organisation,
      dnsName: verifier.dnsName,
    });
    return issued.signer;
  }
}

function toVerifier(row: {
  id: string;
  name: string;
  organisation: string;
  dns_name: string;
  checks: string;
  operator_role: string;
}): RegisteredVerifier {
  const checks = (JSON.parse(row.checks) as unknown[]).filter(isCheckId);
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    dnsName: row.dns_name,
    clientId: `x509_san_dns:${row.dns_name}`,
    checks,
    operatorRole: row.operator_role,
  };
}
