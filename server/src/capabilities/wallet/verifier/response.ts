/**
 * `POST response_uri` (direct_post.jwt): decrypts the JWE with the transaction's ephemeral key,
 * checks `state`, verifies the presentation and records the outcome once. A JWE made for another
 * transaction does not decrypt here, and a second answer is refused; neither touches the
 * transaction. A presentation that fails a check marks it failed with that check's code.
 */

import type { CheckId } from '@civitas/wallet/checks.ts';
import { WalletVerificationError } from '@civitas/wallet/errors.ts';
import {
  decryptAuthorizationResponse,
  type EncryptionJwk,
  encryptionKeyThumbprint,
  ResponseDecryptionError,
} from '@civitas/wallet/openid4vp/index.ts';
import { importJWK } from 'jose';
import type { Kysely } from 'kysely';
import { AppError } from '../../../kernel/index.ts';
import { checkPresentation, type PresentationCheckers } from './presentations.ts';
import type { VerifierRegistry } from './registry.ts';
import type { VerificationTransactions } from './service.ts';
import type { VerifierTables } from './tables.ts';

export interface ResponseDependencies {
  db: Kysely<VerifierTables>;
  transactions: VerificationTransactions;
  registry: VerifierRegistry;
  checkers: PresentationCheckers;
  trustAnchors(): Promise<readonly string[]>;
  statusList(uri: string): Promise<string | Uint8Array>;
  now?: () => Date;
}

export async function receiveResponse(
  deps: ResponseDependencies,
  id: string,
  jwe: string,
  responseUri: string,
) {
  const row = await deps.transactions.pending(id);
  const key = await importJWK(JSON.parse(row.decryption_jwk ?? '{}'), 'ECDH-ES').catch(() => null);
  if (!key) throw new AppError('verification-already-answered');
  let response: Awaited<ReturnType<typeof decryptAuthorizationResponse>>;
  try {
    response = await decryptAuthorizationResponse(jwe, key);
  } catch (error) {
    if (error instanceof ResponseDecryptionError)
      throw new AppError('verification-response-undecryptable', error.message);
    throw error;
  }
  if (response.state !== row.state) throw new AppError('verification-state-mismatch');
  const verifier = await deps.registry.byId(row.verifier_id);
  if (!verifier) throw new AppError('verification-not-found');
  const now = deps.now?.() ?? new Date();
  try {
    const result = await checkPresentation(deps.checkers, {
      check: row.check_id as CheckId,
      vpToken: response.vp_token,
      clientId: verifier.clientId,
      nonce: row.nonce,
      responseUri,
      jwkThumbprint: await encryptionKeyThumbprint(JSON.parse(row.encryption_jwk) as EncryptionJwk),
      trustAnchors: await deps.trustAnchors(),
      statusList: deps.statusList,
      now,
    });
    await finish(
      deps.db,
      id,
      { status: 'verified', result: JSON.stringify(result), failure_code: null },
      now,
    );
    return result;
  } catch (error) {
    if (!(error instanceof WalletVerificationError)) throw error;
    await finish(deps.db, id, { status: 'failed', result: null, failure_code: error.code }, now);
    throw new AppError(error.code, error.message);
  }
}

async function finish(
  db: Kysely<VerifierTables>,
  id: string,
  outcome: { status: 'verified' | 'failed'; result: string | null; failure_code: string | null },
  now: Date,
): Promise<void> {
  const updated = await db
    .updateTable('wallet.verifications')
    .set({ ...outcome, decryption_jwk: null, answered_at: now })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('verification-already-answered');
}
