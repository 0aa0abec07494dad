import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freshTempDir, ROOT, waitUntilReady } from './lib.ts';

/**
 * `npm start` as a newcomer meets it: a first start on a fresh machine (no database, no built web
 * app, no compiled-code cache) and a restart, each timed from the command to /readyz answering 200,
 * against the creation of an empty embedded database in a process of its own (the baseline: the
 * part of a first start no change to Civitas can shorten, measured beside it on the same machine).
 */
export interface NpmStartFigures {
  first_start_ready_s: number;
  restart_ready_s: number;
  /**
   * CPU the server process used until ready (its threads, and its children once ended: the web
   * build), less at the mercy of other load on the machine than the wall-clock figures.
   */
  first_start_cpu_s: number;
  restart_cpu_s: number;
  /** The web build within the first start (it runs beside the database's creation). */
  first_start_web_build_s: number;
  /** Seeding the demo population (10,000 persons, 6,000 vehicles) within the first start. */
  first_start_seed_s: number;
  pglite_create_s: number;
  first_start_to_pglite_create_ratio: number;
  restart_to_pglite_create_ratio: number;
  load_average_1m: number;
}

const PORT = 3903;

export async function measureNpmStart(): Promise<NpmStartFigures> {
  const load = os.loadavg()[0]!;
  const pgliteCreate = await timePgliteCreate();
  const dataDir = freshTempDir('civitas-bench-start-');
  const compileCache = freshTempDir('civitas-bench-compile-cache-');
  // A fresh clone has no web/dist: without its stamp the build is not current and runs again.
  fs.rmSync(path.join(ROOT, 'web/dist/.source-hash'), { force: true });
  try {
    const first = await npmStart(dataDir, compileCache);
    const restart = await npmStart(dataDir, compileCache);
    if (/Built the web app/.test(restart.output)) throw new Error('the restart built the web app again');
    const built = /Built the web app in ([\d.]+) s/.exec(first.output);
    const seeded = /Seeded \d+ persons and \d+ vehicles \(\d+ rows\) in ([\d.]+) s/.exec(first.output);
    if (!built || !seeded) throw new Error(`unexpected first start output:\n${first.output}`);
    return {
      first_start_ready_s: round(first.readySeconds),
      restart_ready_s: round(restart.readySeconds),
      first_start_cpu_s: round(first.cpuSeconds),
      restart_cpu_s: round(restart.cpuSeconds),
      first_start_web_build_s: Number(built[1]),
      first_start_seed_s: Number(seeded[1]),
      pglite_create_s: round(pgliteCreate),
      first_start_to_pglite_create_ratio: round(first.readySeconds / pgliteCreate),
      restart_to_pglite_create_ratio: round(restart.readySeconds / pgliteCreate),
      load_average_1m: round(load),
    };
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(compileCache, { recursive: true, force: true });
  }
}

/** Runs `npm start` until /readyz answers, then stops the server it started. */
async function npmStart(
  dataDir: string,
  compileCache: string,
): Promise<{ readySeconds: number; cpuSeconds: number; output: string }> {
  const started = performance.now();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      CIVITAS_DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      CIVITAS_PUBLIC_URL: `http://127.0.0.1:${PORT}`,
      NODE_COMPILE_CACHE: compileCache,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk;
  });
  try {
    const readySeconds = await Promise.race([
      waitUntilReady(`http://127.0.0.1:${PORT}`, started),
      exited(child).then(() => {
        throw new Error(`npm start exited:\n${output}`);
      }),
    ]);
    const pid = Number(fs.readFileSync(path.join(dataDir, 'civitas.pid'), 'utf8'));
    return { readySeconds, cpuSeconds: cpuSecondsOf(pid), output };
  } finally {
    await stopServer(dataDir, child);
  }
}

/** Stops the server `npm start` runs (its pid is in the data directory's lock); npm ends with it. */
async function stopServer(dataDir: string, npm: ChildProcess): Promise<void> {
  const lock = path.join(dataDir, 'civitas.pid');
  if (fs.existsSync(lock)) {
    const pid = Number(fs.readFileSync(lock, 'utf8'));
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // already gone
    }
  } else if (npm.exitCode === null) {
    npm.kill('SIGTERM');
  }
  if (npm.exitCode === null) await exited(npm);
}

/** User and system time of a process and of its children it has waited for, from /proc (Linux). */
function cpuSecondsOf(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // After the command name (which may hold spaces): utime, stime, cutime, cstime are the 12th to 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return ticks / 100; // USER_HZ
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** An empty embedded database created in a fresh directory, in a process of its own. */
async function timePgliteCreate(): Promise<number> {
  const directory = freshTempDir('civitas-bench-pglite-');
  const started = performance.now();
  try {
    const child = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { PGlite } = await import('@electric-sql/pglite'); const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(directory, 'pglite'))} }); await db.close();`,
      ],
      { cwd: path.join(ROOT, 'server'), stdio: ['ignore', 'ignore', 'inherit'] },
    );
    await exited(child);
    if (child.exitCode !== 0) throw new Error('PGlite did not create a database');
    return (performance.now() - started) / 1000;
  } finally {
    fs.rmSync(directory, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Number(value.toFixed(2));
}
