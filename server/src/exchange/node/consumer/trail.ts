import { isRowFault } from '../../../db/index.ts';
import { envelopeHash, type RequestEnvelope } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeContext, NodeReply } from '../context.ts';
import { asFault, faultReply } from '../fault-reply.ts';
import { type MessageRecord, messageRecord } from '../message-log.ts';

export interface ConsumerOutcome {
  errorType?: string;
  requestHash: string | null;
  responseHash?: string;
  responseSignature?: string;
}

/** A fault that is not an ExchangeFault: the message log refused the message, or a bug. */
function unexpectedFault(error: unknown): ExchangeFault {
  return isRowFault(error)
    ? new ExchangeFault(
        'Client.BadRequest',
        'The message log refused to record this message (its content cannot be stored).',
      )
    : new ExchangeFault(
        'Server.ClientProxy.InternalError',
        'The consumer node failed to complete the exchange.',
      );
}

/** What the consumer's node knows of one message so far, and its record in the message log. */
export class ConsumerTrail {
  readonly started = Date.now();
  envelope: RequestEnvelope | null = null;
  requestJws: string | null = null;
  /** The provider side's record when the provider is this node: written with the consumer's. */
  providerRecord: MessageRecord | undefined;

  private readonly context: NodeContext;
  private readonly requestBytes: number;

  constructor(context: NodeContext, requestBytes: number) {
    this.context = context;
    this.requestBytes = requestBytes;
  }

  /** Logs the message; resolves once its record (and the provider's, in process) is committed. */
  log(reply: NodeReply, outcome: ConsumerOutcome): Promise<void> {
    const own = messageRecord({
      side: 'consumer',
      nodeId: this.context.trust.nodeId,
      envelope: this.envelope,
      requestSignature: this.requestJws,
      requestBytes: this.requestBytes,
      requestBody: null,
      status: reply.status,
      errorType: outcome.errorType,
      requestHash: outcome.requestHash,
      responseHash: outcome.responseHash,
      responseSignature: outcome.responseSignature,
      responseBody: reply.body,
      started: this.started,
    });
    return this.providerRecord
      ? this.context.log.append(this.providerRecord, own)
      : this.context.log.append(own);
  }

  /** The client's answer when the exchange failed: an X-Road fault, logged as far as it can be. */
  async failed(error: unknown): Promise<NodeReply> {
    const fault = asFault(error, () => unexpectedFault(error));
    if (!(error instanceof ExchangeFault)) this.context.report(error);
    const messageId = this.envelope?.id ?? 'unknown';
    const reply = faultReply(fault, messageId);
    await this.log(reply, {
      errorType: fault.type,
      requestHash: this.envelope ? envelopeHash(this.envelope) : null,
    }).catch((logError: unknown) => this.context.report(logError));
    return { ...reply, headers: { ...reply.headers, 'x-road-id': messageId } };
  }
}
