/**
 * The verifier's transactions (OpenID4VP 1.0, cross-device and same-device): a staff member starts
 * a check, the wallet fetches the signed request object from `request_uri` and posts the encrypted
 * response to `response_uri`; the screen polls the outcome. Only the staff member who started a
 * transaction can read it; anyone else gets "not found".
 */
import { randomBytes } from 'node:crypto';
import type { VerificationStarted, VerificationState } from '@civitas/contracts/api/wallet-verifier.ts';
import type { CheckId } from '@civitas/wallet/checks.ts';
import { dcqlQueryFor } from '@civitas/wallet/checks.ts';
import {
  type EncryptionJwk,
  openid4vpLink,
  requestObjectClaims,
  signRequestObject,
} from '@civitas/wallet/openid4vp/index.ts';
import { exportJWK, generateKeyPair } from 'jose';
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/index.ts';
import type { RegisteredVerifier, VerifierRegistry } from './registry.ts';
import type { VerificationRow, VerifierTables } from './tables.ts';

/** How long a request may wait for its answer. */
export const TRANSACTION_SECONDS = 600;
/** How long the screen may still read an outcome (the holder's disclosed claims) after the request expired. */
export const RESULT_KEPT_SECONDS = 3600;

export interface Staff {
  subject: string;
  roles: readonly string[];
}

export const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export class VerificationTransactions {
  private readonly db: Kysely<VerifierTables>;
  private readonly registry: VerifierRegistry;
  private readonly publicUrl: string;
  private readonly now: () => Date;

  constructor(
    db: Kysely<VerifierTables>,
    registry: VerifierRegistry,
    publicUrl: string,
    now = () => new Date(),
  ) {
    this.db = db;
    this.registry = registry;
    this.publicUrl = publicUrl;
    this.now = now;
  }

  /** The verifier the staff member acts for, or `verifier-not-registered`. */
  async verifierOf(staff: Staff): Promise<RegisteredVerifier> {
    const verifier = await this.registry.forRoles(staff.roles);
    if (!verifier)
      throw new AppError('verifier-not-registered', 'Your role operates no registered verifier.');
    return verifier;
  }

  /** Starts a check; asking beyond the verifier's registration is refused here, before any request exists. */
  async start(staff: Staff, check: CheckId): Promise<VerificationStarted> {
    const verifier = await this.verifierOf(staff);
    await this.purgeOld();
    if (!verifier.checks.includes(check)) {
      throw new AppError(
        'verification-check-not-registered',
        `${verifier.name} is not registered for "${check}".`,
      );
    }
    const keys = await generateKeyPair('ECDH-ES', { crv: 'P-256', extractable: true });
    const id = random(16);
    const encryption = { ...(await exportJWK(keys.publicKey)), use: 'enc', alg: 'ECDH-ES', kid: id };
    const created = this.now();
    const expires = new Date(created.getTime() + TRANSACTION_SECONDS * 1000);
    await this.db
      .insertInto('wallet.verifications')
      .values({
        id,
        verifier_id: verifier.id,
        started_by: staff.subject,
        check_id: check,
        nonce: random(24),
        state: random(16),
        decryption_jwk: JSON.stringify(await exportJWK(keys.privateKey)),
        encryption_jwk: JSON.stringify(encryption),
        status: 'pending',
        failure_code: null,
        result: null,
        created_at: created,
        expires_at: expires,
        answered_at: null,
      })
      .execute();
    const requestUri = this.url(id, 'request');
    return {
      id,
      check,
      link: openid4vpLink(verifier.clientId, requestUri),
      requestUri,
      expiresAt: expires.toISOString(),
    };
  }

  /** The signed request object (JAR) for `request_uri`. */
  async requestObject(id: string): Promise<string> {
    const row = await this.pending(id);
    const verifier = await this.registry.byId(row.verifier_id);
    if (!verifier) throw new AppError('verification-not-found');
    const claims = requestObjectClaims({
      host: verifier.dnsName,
      responseUri: this.url(id, 'response'),
      nonce: row.nonce,
      state: row.state,
      dcqlQuery: dcqlQueryFor(row.check_id as CheckId),
      encryptionKey: JSON.parse(row.encryption_jwk) as EncryptionJwk,
      registration: {
        name: verifier.name,
        organisation: verifier.organisation,
        intended_use: verifier.checks,
      },
      now: this.now(),
      lifetimeSeconds: Math.max(1, Math.floor((row.expires_at.getTime() - this.now().getTime()) / 1000)),
    });
    return signRequestObject(claims, await this.registry.signerOf(verifier));
  }

  /** A transaction still waiting for its answer (or the reason it cannot take one). */
  async pending(id: string): Promise<VerificationRow> {
    const row = await this.db
      .selectFrom('wallet.verifications')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new AppError('verification-not-found');
    if (row.status !== 'pending') throw new AppError('verification-already-answered');
    if (row.expires_at.getTime() < this.now().getTime()) throw new AppError('verification-expired');
    return row;
  }

  /** The transaction as its starter sees it; anyone else's answers "not found". */
  async stateFor(staff: Staff, id: string): Promise<VerificationState> {
    const row = await this.db
      .selectFrom('wallet.verifications')
      .selectAll()
      .where('id', '=', id)
      .where('started_by', '=', staff.subject)
      .executeTakeFirst();
    if (!row) throw new AppError('verification-not-found');
    return {
      id: row.id,
      check: row.check_id as CheckId,
      status: row.status,
      expiresAt: row.expires_at.toISOString(),
      result: row.result ? JSON.parse(row.result) : null,
      failureCode: row.failure_code,
    };
  }

  /** Forgets transactions (their keys and the disclosed claims) an hour after they expired. */
  async purgeOld(): Promise<number> {
    const before = new Date(this.now().getTime() - RESULT_KEPT_SECONDS * 1000);
    const deleted = await this.db
      .deleteFrom('wallet.verifications')
      .where('expires_at', '<', before)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows);
  }

  private url(id: string, what: 'request' | 'response'): string {
    return new URL(`/api/wallet/verifications/${id}/${what}`, this.publicUrl).toString();
  }
}
