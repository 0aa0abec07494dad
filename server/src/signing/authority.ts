import type { webcrypto } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import { KeyStore } from '../kernel/index.ts';
import type { SigningCertificateKind, SigningTables, StoredSigningCertificate } from './tables.ts';
import {
  base64Of,
  base64UrlOf,
  CLOCK_SKEW_MS,
  DAY_MS,
  EC_KEY,
  ES256,
  OID_GIVEN_NAME,
  OID_ORGANIZATION_IDENTIFIER,
  OID_SERIAL_NUMBER,
  OID_SURNAME,
  randomSerial,
  sha256,
  x509,
} from './x509.ts';

export interface SigningAuthorityOptions {
  db: Connection;
  keyDir: string;
  /** ISO 3166 country code of the certificates (`BG`). */
  country: string;
  /** The organisation that runs the CA (the portal's member). */
  organisation: string;
  now?: () => Date;
}

/** A person as the population register names them. */
export interface CertifiedPerson {
  personalNumber: string;
  givenName: string;
  familyName: string;
}

/** An administration sealing its documents: its subsystem code, name and registration number. */
export interface SealHolder {
  id: string;
  name: string;
  /** The member code in the exchange's catalogue: the EIK in Bulgaria. */
  registrationNumber: string;
}

/** A signing key held here (the CA's, a seal's), with its chain, leaf first. */
export interface HeldKey {
  privateKey: webcrypto.CryptoKey;
  /** Base64 DER, leaf first, the CA last. */
  chain: string[];
  row: StoredSigningCertificate;
}

const CA_DAYS = 10 * 365;
const PERSON_DAYS = 2 * 365;
const SEAL_DAYS = 2 * 365;
/** A seal is renewed when it has less than this left (it still signs until then). */
const SEAL_RENEW_BEFORE_MS = 30 * DAY_MS;

/**
 * The platform's signing CA: a root whose key is in the key store (`CIVITAS_KEY_DIR`), issuing
 * citizens' signing certificates (for keys their browsers hold) and administrations' e-seal
 * certificates (keys in the key store). Every certificate it issued is in `signing.certificates`,
 * which is also its revocation list.
 */
export class SigningAuthority {
  private readonly db: Kysely<SigningTables>;
  private readonly store: KeyStore;
  private readonly now: () => Date;
  private readonly country: string;
  private readonly organisation: string;
  private readonly keys = new Map<string, Promise<webcrypto.CryptoKey>>();
  private ca: Promise<HeldKey> | undefined;
  private readonly seals = new Map<string, Promise<HeldKey>>();

  constructor(options: SigningAuthorityOptions) {
    this.db = tablesOf<SigningTables>(options.db);
    this.store = new KeyStore(options.keyDir);
    this.now = options.now ?? (() => new Date());
    this.country = options.country.toUpperCase();
    this.organisation = options.organisation;
  }

  /** The CA's certificate and key, made on first use. */
  authority(): Promise<HeldKey> {
    this.ca ??= this.loadOrMakeCa();
    this.ca.catch(() => {
      this.ca = undefined;
    });
    return this.ca;
  }

  async caCertificate(): Promise<x509.X509Certificate> {
    return new x509.X509Certificate(Buffer.from((await this.authority()).chain[0]!, 'base64'));
  }

  /** A certificate this CA issued, by serial (lower-case hex), or undefined. */
  async issued(serial: string): Promise<StoredSigningCertificate | undefined> {
    return this.db
      .selectFrom('signing.certificates')
      .selectAll()
      .where('serial', '=', serial.toLowerCase())
      .executeTakeFirst();
  }

  /** Who a public key (SubjectPublicKeyInfo) is already certified for, if anyone. */
  async holderOfKey(thumbprint: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('signing.certificates')
      .select('holder')
      .where('key_thumbprint', '=', thumbprint)
      .where('kind', '=', 'person')
      .executeTakeFirst();
    return row?.holder;
  }

  /** A person's certificates, newest first. */
  personCertificates(personalNumber: string): Promise<StoredSigningCertificate[]> {
    return this.db
      .selectFrom('signing.certificates')
      .selectAll()
      .where('kind', '=', 'person')
      .where('holder', '=', personalNumber)
      .orderBy('created_at', 'desc')
      .orderBy('seq', 'desc')
      .execute();
  }

  /**
   * A signing certificate for a key the person proved they hold (ETSI EN 319 412-2: natural
   * person, serialNumber `PNO<country>-<personal number>`, keyUsage nonRepudiation).
   */
  async certifyPerson(
    person: CertifiedPerson,
    publicKey: x509.PublicKey,
    options: { validDays?: number; now?: Date } = {},
  ): Promise<StoredSigningCertificate> {
    const ca = await this.authority();
    const now = options.now ?? this.now();
    const commonName = `${person.givenName} ${person.familyName}`;
    const certificate = await this.sign(ca, {
      subject: [
        { C: [this.country] },
        { [OID_SURNAME]: [person.familyName] },
        { [OID_GIVEN_NAME]: [person.givenName] },
        { [OID_SERIAL_NUMBER]: [`PNO${this.country}-${person.personalNumber}`] },
        { CN: [commonName] },
      ],
      publicKey,
      validDays: options.validDays ?? PERSON_DAYS,
      now,
    });
    return this.save('person', person.personalNumber, commonName, certificate, null);
  }

  /** An administration's current e-seal (made, or renewed near its end, on use). */
  seal(holder: SealHolder): Promise<HeldKey> {
    const cached = this.seals.get(holder.id);
    if (cached) return cached;
    const made = this.loadOrMakeSeal(holder);
    this.seals.set(holder.id, made);
    made.then(
      (held) => {
        // Forget it when it nears its end: the next use renews it.
        const left = held.row.not_after.getTime() - SEAL_RENEW_BEFORE_MS - this.now().getTime();
        setTimeout(() => this.seals.delete(holder.id), Math.max(0, Math.min(left, 2 ** 31 - 1))).unref();
      },
      () => this.seals.delete(holder.id),
    );
    return made;
  }

  /** Revokes a certificate (its signatures stop validating). */
  async revoke(serial: string): Promise<boolean> {
    const result = await this.db
      .updateTable('signing.certificates')
      .set({ revoked_at: this.now() })
      .where('serial', '=', serial.toLowerCase())
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  private async loadOrMakeSeal(holder: SealHolder): Promise<HeldKey> {
    const ca = await this.authority();
    return this.db.transaction().execute(async (tx) => {
      await sql`SELECT pg_advisory_xact_lock(hashtext(${`civitas-seal-${holder.id}`}))`.execute(tx);
      const latest = await tx
        .selectFrom('signing.certificates')
        .selectAll()
        .where('kind', '=', 'seal')
        .where('holder', '=', holder.id)
        .where('revoked_at', 'is', null)
        .orderBy('created_at', 'desc')
        .orderBy('seq', 'desc')
        .executeTakeFirst();
      const now = this.now();
      if (latest?.key_file && latest.not_after.getTime() - SEAL_RENEW_BEFORE_MS > now.getTime()) {
        return {
          privateKey: await this.keyOf(latest.key_file),
          chain: [latest.certificate, ...ca.chain],
          row: latest,
        };
      }
      const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
      const certificate = await this.sign(ca, {
        subject: [
          { C: [this.country] },
          { O: [holder.name] },
          { [OID_ORGANIZATION_IDENTIFIER]: [`NTR${this.country}-${holder.registrationNumber}`] },
          { CN: [holder.name] },
        ],
        publicKey: keys.publicKey,
        validDays: SEAL_DAYS,
        now,
      });
      const keyFile = `signing-seal-${certificate.serialNumber.toLowerCase()}.key.pem`;
      this.store.createIfAbsent(keyFile, await pemOf(keys.privateKey));
      const row = await this.save('seal', holder.id, holder.name, certificate, keyFile, tx);
      return { privateKey: await this.keyOf(keyFile), chain: [row.certificate, ...ca.chain], row };
    });
  }

  private async loadOrMakeCa(): Promise<HeldKey> {
    const stored = await this.storedCa();
    if (stored) return this.held(stored);
    const keys = await crypto.subtle.generateKey(EC_KEY, true, ['sign', 'verify']);
    const now = this.now();
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: randomSerial(),
      name: [
        { C: [this.country] },
        { O: [this.organisation] },
        { CN: [`${this.organisation} — signing CA`] },
      ],
      keys,
      signingAlgorithm: ES256,
      notBefore: new Date(now.getTime() - CLOCK_SKEW_MS),
      notAfter: new Date(now.getTime() + CA_DAYS * DAY_MS),
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      ],
    });
    const keyFile = `signing-ca-${certificate.serialNumber.toLowerCase()}.key.pem`;
    this.store.createIfAbsent(keyFile, await pemOf(keys.privateKey));
    await this.save('ca', 'ca', this.organisation, certificate, keyFile);
    // Another process may have stored its CA first: the stored one is the CA.
    return this.held((await this.storedCa())!);
  }

  private storedCa(): Promise<StoredSigningCertificate | undefined> {
    return this.db.selectFrom('signing.certificates').selectAll().where('kind', '=', 'ca').executeTakeFirst();
  }

  private async held(row: StoredSigningCertificate): Promise<HeldKey> {
    if (!row.key_file || this.store.read(row.key_file) === undefined) {
      throw new Error(
        `The signing CA's key is not in ${this.store.directory}: copy ${row.key_file} there from the node that made it (CIVITAS_KEY_DIR).`,
      );
    }
    return { privateKey: await this.keyOf(row.key_file), chain: [row.certificate], row };
  }

  private async sign(
    ca: HeldKey,
    request: {
      subject: x509.JsonName;
      publicKey: x509.PublicKey | webcrypto.CryptoKey;
      validDays: number;
      now: Date;
    },
  ): Promise<x509.X509Certificate> {
    const caCertificate = new x509.X509Certificate(Buffer.from(ca.chain[0]!, 'base64'));
    const publicKey =
      request.publicKey instanceof x509.PublicKey ? await request.publicKey.export() : request.publicKey;
    return x509.X509CertificateGenerator.create({
      serialNumber: randomSerial(),
      subject: request.subject,
      issuer: caCertificate.subjectName.toJSON(),
      publicKey,
      signingKey: ca.privateKey,
      signingAlgorithm: ES256,
      notBefore: new Date(request.now.getTime() - CLOCK_SKEW_MS),
      // Never past the CA's own end.
      notAfter: new Date(
        Math.min(request.now.getTime() + request.validDays * DAY_MS, caCertificate.notAfter.getTime()),
      ),
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
      ],
    });
  }

  private async save(
    kind: SigningCertificateKind,
    holder: string,
    name: string,
    certificate: x509.X509Certificate,
    keyFile: string | null,
    db: Kysely<SigningTables> = this.db,
  ): Promise<StoredSigningCertificate> {
    const row = {
      serial: certificate.serialNumber.toLowerCase(),
      kind,
      holder,
      name,
      key_thumbprint: await keyThumbprint(certificate.publicKey),
      certificate: base64Of(certificate.rawData),
      key_file: keyFile,
      not_before: certificate.notBefore,
      not_after: certificate.notAfter,
      revoked_at: null,
      created_at: this.now(),
    };
    const inserted = await db
      .insertInto('signing.certificates')
      .values(row)
      .onConflict((conflict) => conflict.doNothing())
      .returningAll()
      .executeTakeFirst();
    return inserted ?? { ...row, seq: 0 };
  }

  private keyOf(file: string): Promise<webcrypto.CryptoKey> {
    let key = this.keys.get(file);
    if (!key) {
      const pem = this.store.read(file);
      if (pem === undefined)
        return Promise.reject(new Error(`The signing key ${file} is not in the key store.`));
      key = crypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(pem), EC_KEY, false, ['sign']);
      this.keys.set(file, key);
    }
    return key;
  }
}

/** SHA-256 of a SubjectPublicKeyInfo, base64url: the same key has the same thumbprint in any request. */
export async function keyThumbprint(publicKey: x509.PublicKey): Promise<string> {
  return base64UrlOf(await sha256(publicKey.rawData));
}

async function pemOf(privateKey: webcrypto.CryptoKey): Promise<string> {
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', privateKey), 'PRIVATE KEY');
}
