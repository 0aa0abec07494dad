import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { lockHolder } from '../db/index.ts';

/**
 * A server on the embedded database writes where it answers into its data directory, so the
 * command line run beside it (`civitas demo accounts`, `token`) finds it whatever its PORT.
 */
export interface RunningServer {
  pid: number;
  /** A URL this machine reaches the server at (loopback where the server listens on it). */
  url: string;
}

const FILE = 'server.json';

/** Records the server's address; the returned function removes the record (at shutdown). */
export function recordRunningServer(dataDir: string, addresses: readonly AddressInfo[]): () => void {
  const file = path.join(dataDir, FILE);
  const record: RunningServer = { pid: process.pid, url: localUrl(addresses) };
  fs.writeFileSync(file, `${JSON.stringify(record)}\n`, { mode: 0o600 });
  return () => {
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as RunningServer).pid === process.pid)
        fs.unlinkSync(file);
    } catch {
      // already gone
    }
  };
}

/**
 * The server that holds the data directory now, or null. A record left by a process that died
 * (kill -9, a crash) is stale: it counts only while its process is the one holding the
 * directory's lock.
 */
export function findRunningServer(dataDir: string): RunningServer | null {
  let record: Partial<RunningServer>;
  try {
    record = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as Partial<RunningServer>;
  } catch {
    return null;
  }
  if (typeof record.pid !== 'number' || typeof record.url !== 'string') return null;
  if (lockHolder(dataDir) !== record.pid) return null;
  return { pid: record.pid, url: record.url };
}

/** An address to reach the listening server from this machine: loopback for a wildcard address. */
function localUrl(addresses: readonly AddressInfo[]): string {
  const preferred =
    addresses.find((address) => address.address === '127.0.0.1') ??
    addresses.find((address) => address.family === 'IPv4') ??
    addresses[0];
  if (!preferred) throw new Error('the server listens on no address');
  const host =
    preferred.address === '0.0.0.0'
      ? '127.0.0.1'
      : preferred.address === '::'
        ? '[::1]'
        : preferred.family === 'IPv6'
          ? `[${preferred.address}]`
          : preferred.address;
  return `http://${host}:${preferred.port}`;
}
