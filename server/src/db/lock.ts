import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite is a single-process database: two processes writing one data directory corrupt it.
 * A pid file guards the directory; a lock left by a dead process is taken over.
 */
export interface DataDirLock {
  release(): void;
}

export function lockHolder(dataDir: string): number | null {
  const file = path.join(dataDir, 'civitas.pid');
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

export function lockDataDir(dataDir: string): DataDirLock {
  fs.mkdirSync(dataDir, { recursive: true });
  const holder = lockHolder(dataDir);
  if (holder !== null) {
    throw new Error(
      `The data directory ${dataDir} is in use by process ${holder}. Stop it first, or set CIVITAS_DATA_DIR.`,
    );
  }
  const file = path.join(dataDir, 'civitas.pid');
  fs.writeFileSync(file, String(process.pid), { mode: 0o600 });
  return {
    release() {
      try {
        if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.unlinkSync(file);
      } catch {
        // already gone
      }
    },
  };
}
