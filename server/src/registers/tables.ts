/** One run of seed.ts; a run without `completed_at` was interrupted and is seeded again. */
export interface SeedRunRow {
  id: string;
  seed: string;
  persons: number;
  vehicles: number;
  started_at: Date;
  completed_at: Date | null;
}

/** The tables of the set of registers as a whole (each register's own are in its tables.ts). */
export interface SeedTables {
  'platform.seed_runs': SeedRunRow;
}
