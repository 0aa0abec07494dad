import type { RequestEnvelope } from '../../protocol/envelope.ts';
import { ExchangeFault } from '../../protocol/errors.ts';
import type { NodeContext, NodeMessage, NodeReply } from '../context.ts';
import { asFault, faultReply } from '../fault-reply.ts';
import { type MessageRecord, messageRecord } from '../message-log.ts';

/** Who sent the message: a verified peer certificate, or this very node (in-process delivery). */
export type MessageSender = { kind: 'peer'; certificatePem: string | null } | { kind: 'self' };

export interface ProviderOutcome {
  status: number;
  errorType?: string;
  responseHash?: string;
  responseSignature?: string;
  responseBody: Buffer;
}

/** What the provider's node knows of one message so far, and its record in the message log. */
export class ProviderTrail {
  readonly started = Date.now();
  readonly context: NodeContext;
  readonly sender: MessageSender;
  readonly message: NodeMessage;
  /** Null until the request's signature verifies; then what the provider acts on. */
  envelope: RequestEnvelope | null = null;
  /** The hash of exactly the bytes the client signed: the consumer's node computed the same. */
  requestHash: string | null = null;

  constructor(context: NodeContext, sender: MessageSender, message: NodeMessage) {
    this.context = context;
    this.sender = sender;
    this.message = message;
  }

  record(outcome: ProviderOutcome): MessageRecord {
    return messageRecord({
      side: 'provider',
      nodeId: this.context.trust.nodeId,
      envelope: this.envelope,
      requestSignature: this.message.requestJws,
      requestBytes: this.message.body.length,
      requestBody: this.message.body,
      status: outcome.status,
      errorType: outcome.errorType,
      requestHash: this.requestHash,
      responseHash: outcome.responseHash,
      responseSignature: outcome.responseSignature,
      responseBody: outcome.responseBody,
      started: this.started,
    });
  }

  /**
   * A message from another node is logged here before its answer leaves; one from this very
   * node goes back with its record, for the consumer side to write with its own.
   */
  async logged(reply: NodeReply, record: MessageRecord): Promise<NodeReply> {
    if (this.sender.kind === 'peer') {
      await this.context.log.append(record);
      return reply;
    }
    return { ...reply, providerRecord: record };
  }

  /** The answer when the message was refused or failed: an X-Road fault, logged as far as it can be. */
  async failed(error: unknown): Promise<NodeReply> {
    const fault = asFault(
      error,
      () =>
        new ExchangeFault(
          'Server.ServerProxy.InternalError',
          'The provider node failed to process the message.',
        ),
    );
    const reply = faultReply(fault, this.envelope?.id ?? 'unknown');
    const record = this.record({ status: fault.status, errorType: fault.type, responseBody: reply.body });
    if (this.sender.kind === 'peer') await this.context.log.append(record).catch(() => {});
    if (!(error instanceof ExchangeFault)) this.context.report(error);
    return this.sender.kind === 'self' ? { ...reply, providerRecord: record } : reply;
  }
}
