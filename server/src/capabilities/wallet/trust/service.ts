import type { webcrypto } from 'node:crypto';
import type { X509Signer } from '@civitas/wallet/formats.ts';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import { type Config, KeyStore } from '../../../kernel/index.ts';
import { loadInstance } from '../../../registers/index.ts';
import type { WalletTrust } from '../parts.ts';
import {
  type CaKey,
  importSigningKey,
  type MadeCertificate,
  makeLeafCertificate,
  makeRootCertificate,
  signEs256,
} from './certificates.ts';
import type { CertificateRole, StoredCertificate, TrustTables } from './tables.ts';
import { EKU_MDL_DOCUMENT_SIGNER, EKU_MDL_READER_AUTH } from './x509.ts';

export interface WalletTrustOptions {
  db: Connection;
  config: Pick<Config, 'keyDir' | 'instance'>;
  /** ISO 3166 country code in the certificates (default: the instance's id). */
  country?: string;
  /** The organisation in the certificates (default: the administration that runs the portal). */
  organisation?: string;
  /** The issuer's key is replaced when it is older than this (default 90 days). */
  issuerKeyMaxAgeDays?: number;
  now?: () => Date;
}

/** A certificate as the wallet publishes it. */
export interface WalletCertificate {
  serial: string;
  subject: string;
  /** Base64 DER. */
  certificate: string;
  notBefore: Date;
  notAfter: Date;
  createdAt: Date;
}

export interface VerifierCertificateRequest {
  /** The verifier's name, as shown to the citizen (the certificate's CN). */
  name: string;
  organisation: string;
  /** Its DNS name: the SAN dNSName, and the OID4VP client id `x509_san_dns:<dnsName>`. */
  dnsName: string;
  validDays?: number;
}

export interface VerifierCredentials {
  clientId: string;
  certificate: WalletCertificate;
  signer: X509Signer;
}

/** `WalletTrust` and what the verifier, the status lists and the CLI need besides. */
export interface WalletTrustService extends WalletTrust {
  /** The root that signs the relying parties' (verifiers') access certificates, base64 DER. */
  verifierAnchors(): Promise<readonly string[]>;
  trustAnchorCertificates(): Promise<WalletCertificate[]>;
  verifierAnchorCertificates(): Promise<WalletCertificate[]>;
  /** The key that signs the token status lists (chained to the same anchor as the issuer's). */
  statusListSigner(): Promise<X509Signer>;
  /** A new issuer key and certificate now; the old certificate stays valid until it expires. */
  rotateIssuerKey(): Promise<WalletCertificate>;
  /** Every issuer certificate still valid (the current one first). */
  issuerCertificates(): Promise<WalletCertificate[]>;
  issueVerifierCertificate(request: VerifierCertificateRequest): Promise<VerifierCredentials>;
  /** The newest valid access certificate of a registered verifier, or null. */
  verifierSigner(dnsName: string): Promise<VerifierCredentials | null>;
}

const ANCHOR_DAYS = 10 * 365;
const LEAF_DAYS = 365;
const STATUS_SIGNER_MAX_AGE_DAYS = 90;
/** How long a process keeps using the signer it read before looking for a newer one. */
const SIGNER_RECHECK_MS = 30_000;
const DNS_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const PRINTABLE = /^[^\p{Cc}\p{Cf}]{1,128}$/u;

export class WalletTrustError extends Error {
  override name = 'WalletTrustError';
}

/**
 * The wallet's PKI: a national trust anchor (an ISO 18013-5 IACA-like root) signing the
 * issuer's document-signer certificates and the status lists' signer, and a second root
 * signing the verifiers' access certificates. Certificates are kept in `wallet.trust_certificates`;
 * private keys in the key store (`CIVITAS_KEY_DIR`), never in the database.
 */
export function createWalletTrust(options: WalletTrustOptions): WalletTrustService {
  return new WalletPki(options);
}

class WalletPki implements WalletTrustService {
  private readonly db: Kysely<TrustTables>;
  private readonly store: KeyStore;
  private readonly now: () => Date;
  private readonly maxAgeMs: number;
  private readonly country: string;
  private readonly organisation: string;
  private readonly keys = new Map<string, Promise<webcrypto.CryptoKey>>();
  private readonly current = new Map<
    CertificateRole,
    { signer: Promise<X509Signer>; until: number; refreshing: boolean }
  >();

  constructor(options: WalletTrustOptions) {
    this.db = tablesOf<TrustTables>(options.db);
    this.store = new KeyStore(options.config.keyDir);
    this.now = options.now ?? (() => new Date());
    this.maxAgeMs = (options.issuerKeyMaxAgeDays ?? 90) * 86_400_000;
    const instance = options.country && options.organisation ? null : loadInstance(options.config.instance);
    this.country = options.country ?? instance!.id.slice(0, 2);
    this.organisation = options.organisation ?? portalOrganisation(instance!);
  }

  async trustAnchors(): Promise<readonly string[]> {
    return [(await this.root('anchor')).certificate];
  }

  async verifierAnchors(): Promise<readonly string[]> {
    return [(await this.root('access-anchor')).certificate];
  }

  async trustAnchorCertificates(): Promise<WalletCertificate[]> {
    return [certificateOf(await this.root('anchor'))];
  }

  async verifierAnchorCertificates(): Promise<WalletCertificate[]> {
    return [certificateOf(await this.root('access-anchor'))];
  }

  issuerSigner(): Promise<X509Signer> {
    return this.currentSigner('issuer', this.maxAgeMs);
  }

  statusListSigner(): Promise<X509Signer> {
    return this.currentSigner('status-signer', STATUS_SIGNER_MAX_AGE_DAYS * 86_400_000);
  }

  async rotateIssuerKey(): Promise<WalletCertificate> {
    const row = await this.renew('issuer', 0);
    this.current.delete('issuer');
    return certificateOf(row);
  }

  async issuerCertificates(): Promise<WalletCertificate[]> {
    const rows = await this.db
      .selectFrom('wallet.trust_certificates')
      .selectAll()
      .where('role', '=', 'issuer')
      .where('not_after', '>', this.now())
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .execute();
    return rows.map(certificateOf);
  }

  async issueVerifierCertificate(request: VerifierCertificateRequest): Promise<VerifierCredentials> {
    const dnsName = request.dnsName.toLowerCase();
    if (!DNS_NAME.test(dnsName))
      throw new WalletTrustError(`not a DNS name: ${JSON.stringify(request.dnsName)}`);
    for (const text of [request.name, request.organisation]) {
      if (!PRINTABLE.test(text))
        throw new WalletTrustError('a verifier name or organisation is 1–128 printable characters');
    }
    const ca = await this.caKey('access-anchor');
    const made = await makeLeafCertificate(ca, {
      country: this.country,
      organisation: request.organisation,
      commonName: request.name,
      validDays: request.validDays ?? LEAF_DAYS,
      now: this.now(),
      extendedKeyUsages: [EKU_MDL_READER_AUTH],
      dnsName,
    });
    const row = await this.store_('verifier', made, dnsName);
    return this.verifierCredentials(row);
  }

  async verifierSigner(dnsName: string): Promise<VerifierCredentials | null> {
    const row = await this.db
      .selectFrom('wallet.trust_certificates')
      .selectAll()
      .where('role', '=', 'verifier')
      .where('dns_name', '=', dnsName.toLowerCase())
      .where('not_after', '>', this.now())
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    return row ? this.verifierCredentials(row) : null;
  }

  private async verifierCredentials(row: StoredCertificate): Promise<VerifierCredentials> {
    const signer = await this.signerOf(row);
    return { clientId: `x509_san_dns:${row.dns_name}`, certificate: certificateOf(row), signer };
  }

  /** The newest certificate of a role, made or replaced when there is none or it is too old. */
  /**
   * The newest certificate of a role, made or replaced when there is none or it is too old. Once
   * loaded, a signer is answered from memory at once; after SIGNER_RECHECK_MS the next call still
   * gets it while the newest is looked up behind it (so a caller inside its own transaction never
   * waits on the database for it, which on PGlite's one connection would wait forever).
   */
  private currentSigner(role: 'issuer' | 'status-signer', maxAgeMs: number): Promise<X509Signer> {
    const cached = this.current.get(role);
    const nowMs = this.now().getTime();
    if (cached && (cached.until > nowMs || cached.refreshing)) return cached.signer;
    const signer = this.newest(role).then(async (row) => {
      const fresh = row && nowMs - row.created_at.getTime() < maxAgeMs && row.not_after.getTime() > nowMs;
      return this.signerOf(fresh ? row : await this.renew(role, maxAgeMs));
    });
    const entry = { signer, until: nowMs + SIGNER_RECHECK_MS, refreshing: false };
    if (cached) {
      cached.refreshing = true;
      signer.then(
        () => this.current.set(role, entry),
        () => {
          cached.refreshing = false;
        },
      );
      return cached.signer;
    }
    this.current.set(role, entry);
    signer.catch(() => this.current.delete(role));
    return signer;
  }

  private newest(role: CertificateRole): Promise<StoredCertificate | undefined> {
    return this.db
      .selectFrom('wallet.trust_certificates')
      .selectAll()
      .where('role', '=', role)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
  }

  /**
   * A new key and certificate for the role, unless another process made one younger than
   * `maxAgeMs` meanwhile (an advisory lock makes the check and the insert one step).
   */
  private async renew(role: 'issuer' | 'status-signer', maxAgeMs: number): Promise<StoredCertificate> {
    const ca = await this.caKey('anchor');
    return this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`civitas-wallet-${role}`}))`.execute(tx);
      const latest = await tx
        .selectFrom('wallet.trust_certificates')
        .selectAll()
        .where('role', '=', role)
        .orderBy('created_at', 'desc')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      const nowMs = this.now().getTime();
      if (maxAgeMs > 0 && latest && nowMs - latest.created_at.getTime() < maxAgeMs) return latest;
      const made = await makeLeafCertificate(ca, {
        country: this.country,
        organisation: this.organisation,
        commonName:
          role === 'issuer' ? `${this.organisation} — wallet issuer` : `${this.organisation} — status lists`,
        validDays: LEAF_DAYS,
        now: this.now(),
        extendedKeyUsages: role === 'issuer' ? [EKU_MDL_DOCUMENT_SIGNER] : [],
      });
      return this.store_(role, made, null, tx);
    });
  }

  /** The root of a hierarchy, made on first use; a stored root whose key is missing stops here. */
  private async root(role: 'anchor' | 'access-anchor'): Promise<StoredCertificate> {
    const stored = await this.newest(role);
    if (stored) {
      if (this.store.read(stored.key_file) === undefined) {
        throw new WalletTrustError(
          `The wallet's ${role} key is not in ${this.store.directory}: copy ${stored.key_file} there from the node that made it (CIVITAS_KEY_DIR).`,
        );
      }
      return stored;
    }
    const made = await makeRootCertificate({
      country: this.country,
      organisation: this.organisation,
      commonName:
        role === 'anchor'
          ? `${this.organisation} — wallet trust anchor`
          : `${this.organisation} — wallet relying parties CA`,
      validDays: ANCHOR_DAYS,
      now: this.now(),
    });
    await this.store_(role, made, null);
    // Another process may have stored its root first: the stored one is the root.
    return (await this.newest(role))!;
  }

  private async caKey(role: 'anchor' | 'access-anchor'): Promise<CaKey> {
    const row = await this.root(role);
    return { certificate: row.certificate, privateKey: await this.keyOf(row.key_file) };
  }

  private async store_(
    role: CertificateRole,
    made: MadeCertificate,
    dnsName: string | null,
    db: Kysely<TrustTables> = this.db,
  ): Promise<StoredCertificate> {
    const keyFile = `wallet-${role}-${made.serial}.key.pem`;
    this.store.createIfAbsent(keyFile, made.privateKeyPem);
    const row = {
      serial: made.serial,
      role,
      subject: made.subject,
      dns_name: dnsName,
      certificate: made.certificate,
      key_file: keyFile,
      not_before: made.notBefore,
      not_after: made.notAfter,
      created_at: this.now(),
    };
    const inserted = await db
      .insertInto('wallet.trust_certificates')
      .values(row)
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    // Not inserted: another process stored its root first (the caller reads the stored one).
    return inserted ?? { ...row, seq: 0 };
  }

  private keyOf(file: string): Promise<webcrypto.CryptoKey> {
    let key = this.keys.get(file);
    if (!key) {
      const pem = this.store.read(file);
      if (pem === undefined) {
        return Promise.reject(
          new WalletTrustError(`The wallet key ${file} is not in ${this.store.directory} (CIVITAS_KEY_DIR).`),
        );
      }
      key = importSigningKey(pem);
      this.keys.set(file, key);
    }
    return key;
  }

  private async signerOf(row: StoredCertificate): Promise<X509Signer> {
    const key = await this.keyOf(row.key_file);
    return { alg: 'ES256', x5c: [row.certificate], sign: (data) => signEs256(key, data) };
  }
}

function certificateOf(row: StoredCertificate): WalletCertificate {
  return {
    serial: row.serial,
    subject: row.subject,
    certificate: row.certificate,
    notBefore: row.not_before,
    notAfter: row.not_after,
    createdAt: row.created_at,
  };
}

/** The administration that runs the citizens' portal (the wallet's issuer). */
function portalOrganisation(instance: ReturnType<typeof loadInstance>): string {
  const [, memberClass, memberCode] = instance.clients.portal.split('/');
  const member = instance.catalogue.members.find(
    (candidate) => candidate.memberClass === memberClass && candidate.memberCode === memberCode,
  );
  return member?.name ?? instance.names.en;
}
