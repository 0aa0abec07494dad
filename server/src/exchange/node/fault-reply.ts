import { ExchangeFault, type ExchangeFaultBody } from '../protocol/errors.ts';
import type { NodeReply } from './context.ts';

/** X-Road's fault body; `detail` carries the message id, for the caller to quote. */
export function faultBody(fault: ExchangeFault, messageId: string): Buffer {
  const body: ExchangeFaultBody = { type: fault.type, message: fault.message, detail: messageId };
  return Buffer.from(JSON.stringify(body));
}

/** A node's answer that is a fault of its own (a provider's answer passes through unchanged). */
export function faultReply(fault: ExchangeFault, messageId: string): NodeReply {
  return {
    status: fault.status,
    headers: { 'content-type': 'application/json', 'x-road-error': fault.type },
    body: faultBody(fault, messageId),
  };
}

/** The fault an error stands for: itself when it is one, otherwise `fallback` (a bug, the database down). */
export function asFault(error: unknown, fallback: () => ExchangeFault): ExchangeFault {
  return error instanceof ExchangeFault ? error : fallback();
}
