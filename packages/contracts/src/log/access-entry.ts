/**
 * What one transparency-log entry says, in a form the citizen's browser can check: canonical
 * JSON (keys sorted, no spaces) and commitments to the personal parts. Browser-safe: the web
 * app imports this file to check that an entry it is shown is the one in the log.
 *
 * The log is public, so an entry names organisations, services, purposes and legal bases, but
 * never a person: the data subject is a salted SHA-256 commitment that only the person (who
 * receives the salt from the data tracker) can open, and the full message-log record is
 * represented by its hash.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalJson } from '../canonical-json.ts';

export const ENTRY_VERSION = 1;

/** An access to a person's data through the exchange (the data tracker shows it to them). */
export interface AccessEntry {
  v: 1;
  kind: 'access';
  time: string;
  queryId: string;
  node: string;
  client: string;
  service: string;
  purpose: string;
  legalBasis: string;
  categories: string[];
  status: number;
  /** subjectCommitment(nonce, personal number). */
  subject: string;
  /** SHA-256 (hex) of the message-log record's canonical JSON. */
  record: string;
}

/** Any other exchange message-log record (consumer side, non-personal, refused requests). */
export interface MessageEntry {
  v: 1;
  kind: 'message';
  time: string;
  queryId: string;
  node: string;
  side: string;
  client: string | null;
  service: string | null;
  purpose: string | null;
  legalBasis: string | null;
  status: number;
  record: string;
}

/** An administrative change (access rights, members, certificates) or a data-tracker action. */
export interface AdminEntry {
  v: 1;
  kind: 'admin';
  time: string;
  action: string;
  subject: string;
  record: string;
}

export type LogEntry = AccessEntry | MessageEntry | AdminEntry;

const encoder = new TextEncoder();

export function sha256Hex(text: string): string {
  return Array.from(sha256(encoder.encode(text)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The commitment to a data subject: SHA-256 of a domain tag, the entry's salt and the personal number. */
export function subjectCommitment(nonce: string, personalNumber: string): string {
  return sha256Hex(`civitas-subject/v1\n${nonce}\n${personalNumber}`);
}

/** The bytes stored in the log for an entry. */
export function encodeEntry(entry: LogEntry): Uint8Array {
  return encoder.encode(canonicalJson(entry));
}

/** Reads a log entry's bytes; throws on anything that is not a version-1 entry in canonical form. */
export function decodeEntry(bytes: Uint8Array): LogEntry {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const value = JSON.parse(text) as LogEntry;
  if (typeof value !== 'object' || value === null || value.v !== ENTRY_VERSION) {
    throw new TypeError('not a version-1 log entry');
  }
  if (canonicalJson(value) !== text) throw new TypeError('the entry is not in canonical form');
  return value;
}
