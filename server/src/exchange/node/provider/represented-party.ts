import type { RequestEnvelope } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeContext } from '../context.ts';
import type { Representation, RepresentedParty } from '../representation.ts';

const PART = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * Reads the header's value: X-Road's `partyCode` or `partyClass/partyCode`; also
 * `instance/partyClass/partyCode` (the full member id) when the instance is the service's own.
 */
export function parseRepresentedParty(value: string, instance: string): RepresentedParty | null {
  const parts = value.split('/');
  if (!parts.every((part) => PART.test(part))) return null;
  if (parts.length === 1) return { partyClass: null, partyCode: parts[0]! };
  if (parts.length === 2) return { partyClass: parts[0]!, partyCode: parts[1]! };
  if (parts.length === 3 && parts[0] === instance) return { partyClass: parts[1]!, partyCode: parts[2]! };
  return null;
}

/**
 * A request made for a represented party passes only when the user it names may represent that
 * party, as the commercial register says; the refusal names why. The party stays on the signed
 * envelope, so the message log records it with the message.
 */
export async function checkRepresentedParty(context: NodeContext, envelope: RequestEnvelope): Promise<void> {
  if (envelope.representedParty === null) return;
  const instance = envelope.service.split('/')[0]!;
  const party = parseRepresentedParty(envelope.representedParty, instance);
  if (!party) {
    throw new ExchangeFault(
      'Client.InvalidRepresentedParty',
      'X-Road-Represented-Party must be partyCode or partyClass/partyCode (e.g. COM/130362383).',
    );
  }
  if (!envelope.userId) {
    throw new ExchangeFault(
      'Client.InvalidRepresentedParty',
      'A request for a represented party must name the person who makes it (X-Road-UserId).',
    );
  }
  if (!context.representation) {
    throw new ExchangeFault(
      'Server.ServerProxy.RepresentationCheckFailed',
      'This node cannot check who may represent a party.',
    );
  }
  let answer: Representation;
  try {
    answer = await context.representation(party, envelope.userId);
  } catch (error) {
    context.report(error);
    throw new ExchangeFault(
      'Server.ServerProxy.RepresentationCheckFailed',
      'The power of representation could not be checked.',
    );
  }
  if (answer === 'unknown-party') {
    throw new ExchangeFault(
      'Server.ServerProxy.RepresentedPartyUnknown',
      `The represented party ${envelope.representedParty} is not in the register.`,
    );
  }
  if (answer !== 'may-represent') {
    throw new ExchangeFault(
      'Server.ServerProxy.RepresentedPartyNotAllowed',
      `The user may not represent ${envelope.representedParty}.`,
    );
  }
}
