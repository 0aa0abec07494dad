import crypto from 'node:crypto';
import type { ReportBody, SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { exportJWK, importJWK, type JWK } from 'jose';
import type { Insertable, Kysely } from 'kysely';
import { type Connection, GroupCommit, tablesOf } from '../../db/index.ts';
import { generateReportKey, type ReportKey, type ReportSigningKey, signReportCanonical } from './signing.ts';
import type { DossierReportRow, DossierTables } from './tables.ts';

export function sha256Hex(bytes: string | Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

/**
 * The dossier's signing key (ES256, made on first start, kept in the database like the other
 * keys) and the register of issued reports: enough to tell an authentic copy from a forged or
 * altered one, nothing of the report's content.
 */
export class ReportStore {
  private readonly db: Kysely<DossierTables>;
  private signing: Promise<ReportSigningKey> | null = null;
  private readonly verifying = new Map<string, Promise<ReportKey | null>>();
  /** Reports issued at the same moment are recorded with one statement. */
  private readonly issued: GroupCommit<Insertable<DossierReportRow>>;

  constructor(db: Connection) {
    this.db = tablesOf<DossierTables>(db);
    this.issued = new GroupCommit(async (rows) => {
      await this.db.insertInto('dossier.reports').values(rows).execute();
    });
  }

  /** The current signing key, made on first use. */
  signingKey(): Promise<ReportSigningKey> {
    this.signing ??= this.loadOrCreate().catch((error: unknown) => {
      this.signing = null;
      throw error;
    });
    return this.signing;
  }

  /** The public keys, as a JWKS: anyone can check a report's signature offline. */
  async publicKeys(): Promise<{ keys: JWK[] }> {
    await this.signingKey();
    const rows = await this.db
      .selectFrom('dossier.keys')
      .select('public_jwk')
      .orderBy('created_at')
      .execute();
    return { keys: rows.map((row) => JSON.parse(row.public_jwk) as JWK) };
  }

  /** A verification key by id, or null. */
  verificationKey(kid: string): Promise<ReportKey | null> {
    let key = this.verifying.get(kid);
    if (!key) {
      key = this.db
        .selectFrom('dossier.keys')
        .select('public_jwk')
        .where('kid', '=', kid)
        .executeTakeFirst()
        .then((row) =>
          row ? (importJWK(JSON.parse(row.public_jwk) as JWK, 'ES256') as Promise<ReportKey>) : null,
        );
      this.verifying.set(kid, key);
    }
    return key;
  }

  /** Signs a report and records its issue. */
  async issue(body: ReportBody, requester: string | null): Promise<SignedReport> {
    const key = await this.signingKey();
    const { report: signed, canonical } = await signReportCanonical(body, key);
    // Answered only once recorded, so that the report verifies the moment its holder has it.
    await this.issued.append({
      reference: body.reference,
      vin: body.vin,
      viewer: body.viewer,
      issued_at: new Date(body.issuedAt),
      partial: body.partial,
      body_sha256: sha256Hex(canonical),
      kid: key.kid,
      pdf_sha256: null,
      requester,
    });
    return signed;
  }

  /** Records the hash of the PDF issued for a report. */
  async recordPdf(reference: string, pdf: Uint8Array): Promise<void> {
    await this.db
      .updateTable('dossier.reports')
      .set({ pdf_sha256: sha256Hex(pdf) })
      .where('reference', '=', reference)
      .execute();
  }

  async byReference(reference: string): Promise<DossierReportRow | null> {
    return (
      (await this.db
        .selectFrom('dossier.reports')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirst()) ?? null
    );
  }

  async byPdfHash(hash: string): Promise<DossierReportRow | null> {
    return (
      (await this.db
        .selectFrom('dossier.reports')
        .selectAll()
        .where('pdf_sha256', '=', hash)
        .executeTakeFirst()) ?? null
    );
  }

  private async loadOrCreate(): Promise<ReportSigningKey> {
    const existing = await this.db
      .selectFrom('dossier.keys')
      .selectAll()
      .orderBy('created_at', 'desc')
      .executeTakeFirst();
    if (existing) {
      return {
        kid: existing.kid,
        // A node:crypto key straight from the JWK: reports are signed with node:crypto.
        privateKey: crypto.createPrivateKey({
          key: JSON.parse(existing.private_jwk) as crypto.JsonWebKey,
          format: 'jwk',
        }),
      };
    }
    const created = await generateReportKey();
    await this.db
      .insertInto('dossier.keys')
      .values({
        kid: created.kid,
        private_jwk: JSON.stringify(await exportJWK(created.privateKey)),
        public_jwk: JSON.stringify(created.publicJwk),
      })
      .execute();
    return { kid: created.kid, privateKey: created.privateKey };
  }
}
