import { serviceIdIn } from './catalogue.ts';
import type { LocalExchange } from './local-node.ts';

export interface CallContext {
  /**
   * The client subsystem that asks, when not the client's own: an administration's, for a lookup
   * its official makes through the platform (it must be hosted on the same node).
   */
  client?: string | undefined;
  /** A purpose code (`platform/purposes.ts`). */
  purpose: string;
  /** A legal basis code (`platform/purposes.ts`). */
  legalBasis: string;
  dataSubject?: string | null;
  userId?: string | null;
  caseRef?: string | null;
}

export interface ExchangeAnswer {
  status: number;
  body: unknown;
  /** Set when the exchange itself refused or failed (X-Road fault type). */
  fault: string | null;
  messageId: string;
  durationMs: number;
}

/**
 * How the platform's own capabilities (profile, e-services, dossier) ask the registers: as a
 * client subsystem of the exchange, with a purpose and legal basis on every call.
 */
export class ExchangeClient {
  private readonly exchange: LocalExchange;
  private readonly client: string;

  constructor(exchange: LocalExchange, client: string) {
    this.exchange = exchange;
    this.client = client;
  }

  /**
   * The full id of a register's service in this instance, e.g.
   * `serviceId('vehicle-register', 'vehicles')` is `BG/GOV/000695235/vehicle-register/vehicles` in BG.
   */
  serviceId(subsystem: string, service: string): string {
    return serviceIdIn(this.exchange.catalogue, subsystem, service);
  }

  async get(service: string, path: string, context: CallContext): Promise<ExchangeAnswer> {
    const started = performance.now();
    const headers: Record<string, string> = {
      'x-road-client': context.client ?? this.client,
      'x-road-purpose': context.purpose,
      'x-road-legal-basis': context.legalBasis,
    };
    if (context.dataSubject) headers['x-road-data-subject'] = context.dataSubject;
    if (context.userId) headers['x-road-userid'] = context.userId;
    if (context.caseRef) headers['x-road-case'] = context.caseRef;
    const reply = await this.exchange.consume({
      method: 'GET',
      service,
      path,
      query: '',
      headers,
      body: Buffer.alloc(0),
    });
    let body: unknown = null;
    try {
      body = JSON.parse(reply.body.toString('utf8'));
    } catch {
      body = null;
    }
    return {
      status: reply.status,
      body,
      fault: reply.headers['x-road-error'] ?? null,
      messageId: reply.headers['x-road-id'] ?? 'unknown',
      durationMs: performance.now() - started,
    };
  }
}
