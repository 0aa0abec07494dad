import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/**
 * Databases made once per test run and copied for each test that asks for the same one: a
 * migrated empty database, and a migrated database seeded with a given population (the seed is
 * deterministic, so a copy holds exactly what seeding again would write). PGlite keeps them as
 * data-directory tarballs in the run's directory; PostgreSQL as template databases, copied with
 * `CREATE DATABASE … TEMPLATE`. The run's directory and templates come from `test-run.ts`
 * (vitest's global setup); without it (a file run by other means) every test makes its own.
 */

/** The run's snapshot directory, set by the global setup. */
export const SNAPSHOT_DIR_ENV = 'CIVITAS_TEST_SNAPSHOTS';
/** The run's id, part of each PostgreSQL template's name so the run drops only its own. */
export const TEST_RUN_ENV = 'CIVITAS_TEST_RUN';
/** Set to 0 to make every database from scratch (to compare, or to rule the snapshots out). */
export const SNAPSHOTS_SWITCH_ENV = 'CIVITAS_TEST_SNAPSHOT';

export const TEMPLATE_PREFIX = 'civitas_tpl_';

function snapshotDir(): string | undefined {
  if (process.env[SNAPSHOTS_SWITCH_ENV] === '0') return undefined;
  const dir = process.env[SNAPSHOT_DIR_ENV];
  return dir && fs.existsSync(dir) ? dir : undefined;
}

/** A short, stable name for what a snapshot holds (its engine and the options it was made with). */
export function snapshotKey(what: unknown): string {
  const text = JSON.stringify(what, (_key, value) =>
    value instanceof Map ? [...value.entries()] : value instanceof Set ? [...value] : value,
  );
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/**
 * A PGlite snapshot: `make` builds the database and returns its tarball with what the test
 * needs to know about it (JSON); later calls in the run, in any worker, get both from the file.
 * Two workers asking at once may both build it; the one renamed last wins, both are equal.
 */
export async function pgliteSnapshot<Meta>(
  key: string,
  make: () => Promise<{ tarball: Blob; meta: Meta }>,
): Promise<{ tarball: Blob; meta: Meta } | undefined> {
  const dir = snapshotDir();
  if (!dir) return undefined;
  const tarPath = path.join(dir, `${key}.tar`);
  const metaPath = path.join(dir, `${key}.json`);
  if (fs.existsSync(tarPath)) {
    return {
      tarball: new Blob([fs.readFileSync(tarPath)]),
      meta: JSON.parse(fs.readFileSync(metaPath, 'utf8')) as Meta,
    };
  }
  const made = await make();
  const partial = `${tarPath}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  // The metadata first, the tarball last: a tarball present means both are complete.
  fs.writeFileSync(`${metaPath}.${process.pid}`, JSON.stringify(made.meta));
  fs.renameSync(`${metaPath}.${process.pid}`, metaPath);
  fs.writeFileSync(partial, Buffer.from(await made.tarball.arrayBuffer()));
  fs.renameSync(partial, tarPath);
  return made;
}

/**
 * A PostgreSQL template database for this run: `make` fills a new database at `url`; it then
 * becomes the template `civitas_tpl_<run>_<key>`, never connected to again, so copies of it are
 * cheap. Returns the template's name with the metadata `make` returned (or read back).
 */
export async function postgresTemplate<Meta>(
  adminUrl: string,
  key: string,
  make: (url: string) => Promise<Meta>,
): Promise<{ template: string; meta: Meta } | undefined> {
  const dir = snapshotDir();
  const run = process.env[TEST_RUN_ENV];
  if (!dir || !run) return undefined;
  const template = `${TEMPLATE_PREFIX}${run}_${key}`;
  const metaPath = path.join(dir, `${key}.postgres.json`);
  if (fs.existsSync(metaPath))
    return { template, meta: JSON.parse(fs.readFileSync(metaPath, 'utf8')) as Meta };

  const building = `civitas_mk_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${building}`);
  let meta: Meta;
  try {
    meta = await make(databaseUrl(adminUrl, building));
  } catch (error) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    throw error;
  }
  try {
    await retryWhileInUse(() => adminQuery(adminUrl, `ALTER DATABASE ${building} RENAME TO ${template}`));
  } catch (error) {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    // Another worker made the same template first: it holds the same data as ours did.
    if (!(await databaseExists(adminUrl, template))) throw error;
  }
  fs.writeFileSync(`${metaPath}.${process.pid}`, JSON.stringify(meta));
  fs.renameSync(`${metaPath}.${process.pid}`, metaPath);
  return { template, meta };
}

/** A new database copied from a template (none connects to a template, so the copy never waits). */
export async function createFromTemplate(adminUrl: string, name: string, template: string): Promise<void> {
  await retryWhileInUse(() => adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`));
}

/** Drops the run's templates, and those of runs that ended without cleaning up a day ago or more. */
export async function dropTemplates(adminUrl: string, run: string | undefined): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${TEMPLATE_PREFIX}%`],
    );
    const dayAgo = Math.floor(Date.now() / 1000) - 24 * 3600;
    for (const { datname } of rows) {
      const startedAt = Number(datname.slice(TEMPLATE_PREFIX.length).split('_')[0]);
      const ours = run !== undefined && datname.startsWith(`${TEMPLATE_PREFIX}${run}_`);
      if (ours || (Number.isFinite(startedAt) && startedAt < dayAgo))
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

async function databaseExists(adminUrl: string, name: string): Promise<boolean> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  } finally {
    await admin.end();
  }
}

/** A backend that has just closed may still be leaving: "being accessed by other users" passes. */
async function retryWhileInUse(action: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const inUse = (error as { code?: string }).code === '55006';
      if (!inUse || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
