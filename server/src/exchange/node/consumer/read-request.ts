import crypto from 'node:crypto';
import { controlCharacterIndex } from '../../../http/index.ts';
import { parseServiceId, parseSubsystemId, type ServiceId, type SubsystemId } from '../../ids.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { ClientRequest } from '../context.ts';

/** What the client information system asks for, read from the request line and headers. */
export interface AskedExchange {
  client: SubsystemId;
  service: ServiceId;
  purpose: string;
  legalBasis: string;
  messageId: string;
}

const ID_HEADER = /^[A-Za-z0-9._:-]{1,128}$/;
const TEXT_HEADER_MAX = 512;

/** An X-Road header, trimmed; null when absent or empty. */
export function header(request: ClientRequest, name: string): string | null {
  const value = request.headers[name];
  const single = Array.isArray(value) ? value[0] : value;
  if (single === undefined) return null;
  const trimmed = single.trim();
  if (trimmed.length === 0) return null;
  if (trimmed.length > TEXT_HEADER_MAX)
    throw new ExchangeFault('Client.BadRequest', `The ${name} header is too long.`);
  // Every X-Road header ends up in the message log and before the data subject: no control
  // characters (a NUL is not even storable as text).
  if (controlCharacterIndex(trimmed, 'line') !== -1)
    throw new ExchangeFault('Client.BadRequest', `The ${name} header holds a control character.`);
  return trimmed;
}

export function checkClient(request: ClientRequest): SubsystemId {
  const clientHeader = header(request, 'x-road-client');
  const client = clientHeader ? parseSubsystemId(clientHeader) : null;
  if (client) return client;
  throw new ExchangeFault(
    'Client.InvalidClientId',
    'The X-Road-Client header must name a subsystem: INSTANCE/CLASS/MEMBER/SUBSYSTEM.',
  );
}

export function checkServicePath(request: ClientRequest): ServiceId {
  const service = parseServiceId(request.service);
  if (
    controlCharacterIndex(request.path, 'line') !== -1 ||
    controlCharacterIndex(request.query, 'line') !== -1
  )
    throw new ExchangeFault('Client.BadRequest', 'The path or query holds a control character.');
  if (service) return service;
  throw new ExchangeFault(
    'Client.BadRequest',
    'The path must be /r1/INSTANCE/CLASS/MEMBER/SUBSYSTEM/SERVICE[/path].',
  );
}

export function checkPurpose(request: ClientRequest): string {
  const purpose = header(request, 'x-road-purpose');
  if (purpose) return purpose;
  throw new ExchangeFault('Client.MissingPurpose', 'State the purpose of the request (X-Road-Purpose).');
}

export function checkLegalBasis(request: ClientRequest): string {
  const legalBasis = header(request, 'x-road-legal-basis');
  if (legalBasis) return legalBasis;
  throw new ExchangeFault(
    'Client.MissingLegalBasis',
    'State the legal basis of the request (X-Road-Legal-Basis).',
  );
}

/** The client's own message id, or a fresh one. */
export function checkMessageId(request: ClientRequest): string {
  const messageId = header(request, 'x-road-id') ?? crypto.randomUUID();
  if (ID_HEADER.test(messageId)) return messageId;
  throw new ExchangeFault('Client.BadRequest', 'X-Road-Id must be 1-128 letters, digits or . _ : -');
}

/** The request's own checks, in the order their faults take precedence. */
export function readRequest(request: ClientRequest): AskedExchange {
  const client = checkClient(request);
  const service = checkServicePath(request);
  const purpose = checkPurpose(request);
  const legalBasis = checkLegalBasis(request);
  const messageId = checkMessageId(request);
  return { client, service, purpose, legalBasis, messageId };
}
