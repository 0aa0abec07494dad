import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import type { IdentityTables, PasskeyChallengeRow, PasskeyRow } from './tables.ts';

/** What a passkey is, as the service uses it (the row, with its counter as a number). */
export interface StoredPasskey {
  id: string;
  egn: string;
  credentialId: string;
  publicKey: Uint8Array;
  signCount: number;
  transports: string[];
  deviceName: string;
  registeredAcr: string;
  backupEligible: boolean;
  createdAt: Date;
  lastUsedAt: Date | null;
}

function fromRow(row: PasskeyRow): StoredPasskey {
  return {
    id: row.id,
    egn: row.egn,
    credentialId: row.credential_id,
    publicKey: new Uint8Array(row.public_key),
    signCount: Number(row.sign_count),
    transports: JSON.parse(row.transports) as string[],
    deviceName: row.device_name,
    registeredAcr: row.registered_acr,
    backupEligible: row.backup_eligible,
    createdAt: new Date(row.created_at),
    lastUsedAt: row.last_used_at ? new Date(row.last_used_at) : null,
  };
}

export type ChallengeBinding =
  | { purpose: 'registration'; egn: string }
  | { purpose: 'authentication'; interactionUid: string };

/** The identity context's passkey tables: holders' user handles, credentials, challenges. */
export class PasskeyStore {
  private readonly db: Kysely<IdentityTables>;

  constructor(connection: Connection) {
    this.db = tablesOf<IdentityTables>(connection);
  }

  /** The person's WebAuthn user handle: 32 random bytes made once, never the personal number. */
  async userHandleOf(egn: string): Promise<string> {
    await this.db
      .insertInto('identity.passkey_holders')
      .values({ egn, user_handle: crypto.randomBytes(32).toString('base64url'), created_at: new Date() })
      .onConflict((conflict) => conflict.column('egn').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('identity.passkey_holders')
      .select('user_handle')
      .where('egn', '=', egn)
      .executeTakeFirstOrThrow();
    return row.user_handle;
  }

  async listOf(egn: string): Promise<StoredPasskey[]> {
    const rows = await this.db
      .selectFrom('identity.passkeys')
      .selectAll()
      .where('egn', '=', egn)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(fromRow);
  }

  async findByCredentialId(credentialId: string): Promise<StoredPasskey | undefined> {
    const row = await this.db
      .selectFrom('identity.passkeys')
      .selectAll()
      .where('credential_id', '=', credentialId)
      .executeTakeFirst();
    return row ? fromRow(row) : undefined;
  }

  /** Adds a passkey; false when its credential id is registered already. */
  async add(passkey: Omit<StoredPasskey, 'id' | 'createdAt' | 'lastUsedAt'>): Promise<string | undefined> {
    const id = crypto.randomUUID();
    const inserted = await this.db
      .insertInto('identity.passkeys')
      .values({
        id,
        egn: passkey.egn,
        credential_id: passkey.credentialId,
        public_key: passkey.publicKey,
        sign_count: passkey.signCount,
        transports: JSON.stringify(passkey.transports),
        device_name: passkey.deviceName,
        registered_acr: passkey.registeredAcr,
        backup_eligible: passkey.backupEligible,
        created_at: new Date(),
        last_used_at: null,
      })
      .onConflict((conflict) => conflict.column('credential_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted?.id;
  }

  /** Removes one of the person's passkeys; false when they have none with that id. */
  async remove(egn: string, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('identity.passkeys')
      .where('id', '=', id)
      .where('egn', '=', egn)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  /**
   * Records a use: the new counter, only if the stored one is still the one checked against
   * (two sign-ins racing with the same counter: one of them loses). False when it lost.
   */
  async recordUse(passkey: StoredPasskey, newCount: number, now = new Date()): Promise<boolean> {
    const result = await this.db
      .updateTable('identity.passkeys')
      .set({ sign_count: newCount, last_used_at: now })
      .where('id', '=', passkey.id)
      .where('sign_count', '=', passkey.signCount)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async issueChallenge(challenge: string, binding: ChallengeBinding, ttlSeconds: number): Promise<void> {
    const now = new Date();
    await this.db.deleteFrom('identity.passkey_challenges').where('expires_at', '<', now).execute();
    await this.db
      .insertInto('identity.passkey_challenges')
      .values({
        challenge,
        purpose: binding.purpose,
        egn: binding.purpose === 'registration' ? binding.egn : null,
        interaction_uid: binding.purpose === 'authentication' ? binding.interactionUid : null,
        expires_at: new Date(now.getTime() + ttlSeconds * 1000),
      })
      .execute();
  }

  /**
   * Takes a challenge out (single use): true only when it was issued for this binding and has not
   * expired. A challenge presented under another binding is taken out too, and refused.
   */
  async consumeChallenge(challenge: string, binding: ChallengeBinding, now = new Date()): Promise<boolean> {
    const row: Pick<PasskeyChallengeRow, 'purpose' | 'egn' | 'interaction_uid' | 'expires_at'> | undefined =
      await this.db
        .deleteFrom('identity.passkey_challenges')
        .where('challenge', '=', challenge)
        .returning(['purpose', 'egn', 'interaction_uid', 'expires_at'])
        .executeTakeFirst();
    if (!row || new Date(row.expires_at).getTime() <= now.getTime()) return false;
    if (row.purpose !== binding.purpose) return false;
    return binding.purpose === 'registration'
      ? row.egn === binding.egn
      : row.interaction_uid === binding.interactionUid;
  }
}
