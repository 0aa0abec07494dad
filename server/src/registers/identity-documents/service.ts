import type { IDENTITY_DOCUMENTS } from '@civitas/contracts/registers/identity-documents.ts';
import { type Connection, tablesOf } from '../../db/index.ts';
import type { PopulationTables } from '../population/tables.ts';
import { type Handlers, Missing } from '../provide.ts';
import type { SeedTables } from '../tables.ts';
import { portraitOf } from './portrait.ts';
import { documentsByPerson } from './queries.ts';
import type { IdentityDocumentTables } from './tables.ts';

const NO_PHOTO = new Missing('The register holds no photo of the person (no identity document).');

/** How the identity documents register answers: a person's documents, and their photo. */
export function identityDocumentHandlers(connection: Connection): Handlers<typeof IDENTITY_DOCUMENTS> {
  const documents = documentsByPerson(connection);
  return {
    byPerson: ({ egn }) => documents(egn),
    portrait: async ({ egn }) => {
      const person = await photographed(connection, egn);
      if (!person) return NO_PHOTO;
      const seed = await seedOf(connection);
      const birthYear = Number(person.birth_date.slice(0, 4));
      const bytes = portraitOf({ egn, sex: person.sex, birthYear }, seed);
      return { egn, mediaType: 'image/png' as const, data: bytes.toString('base64') };
    },
  };
}

/** The person, when they hold an identity document (whose photo the register keeps). */
async function photographed(connection: Connection, egn: string) {
  const db = tablesOf<IdentityDocumentTables & PopulationTables>(connection);
  return db
    .selectFrom('population.persons as p')
    .select(['p.sex', 'p.birth_date'])
    .where('p.egn', '=', egn)
    .where((eb) =>
      eb.exists(
        eb.selectFrom('identity_documents.documents as d').select('d.number').whereRef('d.egn', '=', 'p.egn'),
      ),
    )
    .executeTakeFirst();
}

/** The seed the registers were filled from: the photos are drawn from it. */
async function seedOf(connection: Connection): Promise<string> {
  const run = await tablesOf<SeedTables>(connection)
    .selectFrom('platform.seed_runs')
    .select('seed')
    .orderBy('started_at', 'desc')
    .executeTakeFirst();
  return run?.seed ?? '';
}
