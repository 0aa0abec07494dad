import type { Kysely } from 'kysely';
import { type Connection, tablesOf } from '../db/index.ts';
import type { DirectoryPerson } from './person-directory.ts';
import type { IdentityTables } from './tables.ts';

/** The OpenID Connect `profile` claims of a person, as read when they signed in. */
export interface ProfileClaims {
  name: string;
  given_name: string;
  middle_name: string;
  family_name: string;
  birthdate: string;
  gender: 'female' | 'male';
}

export function profileClaimsOf(person: DirectoryPerson): ProfileClaims {
  return {
    name: `${person.givenNameLatin} ${person.familyNameLatin}`,
    given_name: person.givenNameLatin,
    middle_name: person.fatherNameLatin,
    family_name: person.familyNameLatin,
    birthdate: person.birthDate,
    gender: person.sex === 'F' ? 'female' : 'male',
  };
}

/**
 * What the eID node read about a person when they signed in. The population register is asked
 * once per sign-in (one "authentication" record in the person's "who used my data"); the ID
 * token and the userinfo answer are made from this copy, which lives as long as an eID session.
 */
export class SignIns {
  private readonly db: Kysely<IdentityTables>;
  private readonly ttlSeconds: number;

  constructor(db: Connection, ttlSeconds: number) {
    this.db = tablesOf<IdentityTables>(db);
    this.ttlSeconds = ttlSeconds;
  }

  async record(person: DirectoryPerson, now = new Date()): Promise<void> {
    const row = {
      egn: person.egn,
      claims: JSON.stringify(profileClaimsOf(person)),
      signed_in_at: now,
      expires_at: new Date(now.getTime() + this.ttlSeconds * 1000),
    };
    await this.db.deleteFrom('identity.sign_ins').where('expires_at', '<', now).execute();
    await this.db
      .insertInto('identity.sign_ins')
      .values(row)
      .onConflict((conflict) =>
        conflict
          .column('egn')
          .doUpdateSet({ claims: row.claims, signed_in_at: row.signed_in_at, expires_at: row.expires_at }),
      )
      .execute();
  }

  /** The claims of the person's last sign-in, or undefined once it has expired. */
  async claimsOf(egn: string): Promise<ProfileClaims | undefined> {
    const row = await this.db
      .selectFrom('identity.sign_ins')
      .select('claims')
      .where('egn', '=', egn)
      .where('expires_at', '>', new Date())
      .executeTakeFirst();
    return row ? (JSON.parse(row.claims) as ProfileClaims) : undefined;
  }
}
