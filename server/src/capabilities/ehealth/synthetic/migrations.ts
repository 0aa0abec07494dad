import type { MigrationSet } from '../../../db/index.ts';
import { sqlMigration } from '../../../db/index.ts';

/** This part's tables in the `ehealth` schema (see ../migrations.ts for its range of names). */
export const syntheticMigrations: MigrationSet['migrations'] = {
  // The background seeding's progress: one row per batch of persons written, in the batch's own
  // transaction, so a restart goes on after the last one and never writes a person twice.
  // Positions are places in the synthetic record's order (seed.ts `recordOrder`), not persons.
  '0750-ehealth-seed-batches': sqlMigration(
    [
      `CREATE TABLE ehealth.seed_batches (
        first_position integer PRIMARY KEY CHECK (first_position >= 0),
        end_position integer NOT NULL CHECK (end_position > first_position),
        resources integer NOT NULL CHECK (resources >= 0),
        seeded_at timestamptz NOT NULL DEFAULT now()
      )`,
    ],
    ['DROP TABLE ehealth.seed_batches'],
  ),
};
