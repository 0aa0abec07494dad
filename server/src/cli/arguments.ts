import { InvalidArgumentError } from 'commander';

/** Parsers of the commands' option values: a bad value is commander's error, with the usage. */

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535)
    throw new InvalidArgumentError('must be a port number (0-65535).');
  return port;
}

export function parseCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || count < 1 || count > 10_000_000) {
    throw new InvalidArgumentError('must be a whole number from 1 to 10000000.');
  }
  return count;
}

export function parseNodePort(value: string): number {
  const port = parsePort(value);
  if (port === 0) throw new InvalidArgumentError('must be a fixed port (1-65535): it is registered.');
  return port;
}

export function parseMemberList(value: string): string[] {
  const members = value
    .split(',')
    .map((member) => member.trim())
    .filter((member) => member.length > 0);
  if (members.length === 0 || !members.every((member) => /^[^/\s]+\/[^/\s]+\/[^/\s]+$/.test(member))) {
    throw new InvalidArgumentError('must be member ids INSTANCE/CLASS/CODE separated by commas.');
  }
  return members;
}
