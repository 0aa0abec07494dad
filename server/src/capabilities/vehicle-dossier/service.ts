import type { ReportBody, SignedReport } from '@civitas/contracts/api/vehicle-report.ts';
import { VEHICLES } from '@civitas/contracts/registers/vehicles.ts';
import type { Caller } from '../../access/index.ts';
import { type CallContext, type ExchangeClient, failureError } from '../../exchange/index.ts';
import { AppError } from '../../kernel/index.ts';
import { FailureLimiter } from './failure-limiter.ts';
import { findVehicle, gatherReport, type KnownAnswer } from './gather.ts';
import type { PdfLanguage } from './pdf-code-labels.ts';
import { PdfRendererPool } from './pdf-pool.ts';
import {
  type DossierGrant,
  type DossierIntent,
  type DossierPolicy,
  type RegisteredHolder,
  type SecondFact,
  secondFactMatches,
} from './policy.ts';
import { newReference } from './signing.ts';
import type { ReportStore } from './store.ts';

export interface DossierServiceOptions {
  exchange: Pick<ExchangeClient, 'get' | 'ask' | 'locate'>;
  store: ReportStore;
  policy: DossierPolicy;
  publicUrl: string;
  /** Per-register deadline of a report (a register that misses it is listed as missing). */
  timeoutMs?: number | undefined;
  /** Wrong second facts a client may send in a quarter of an hour before it is refused. */
  maxFailures?: number | undefined;
}

/** A vehicle as a buyer names it: by VIN or by plate. */
export type VehicleKey = { vin: string } | { plate: string };

/** Told when a report is refused for a wrong fact (the platform writes it to its log). */
export interface RefusalLog {
  info(fields: object, message: string): void;
}

/** The exchange call of a grant's register lookups. */
function callOf(grant: DossierGrant): CallContext {
  return {
    client: grant.client,
    purpose: grant.purpose,
    legalBasis: grant.legalBasis,
    dataSubject: grant.owner ?? null,
    userId: grant.userId,
    caseRef: grant.caseRef ?? null,
  };
}

/**
 * Issues vehicle history reports: the policy decides who sees what, the registers are asked
 * through the exchange, and the report is signed and recorded (and rendered as PDF on request).
 */
export class DossierService {
  private readonly options: DossierServiceOptions;
  private readonly limiter: FailureLimiter;
  private readonly renderer = new PdfRendererPool();

  constructor(options: DossierServiceOptions) {
    this.options = options;
    this.limiter = new FailureLimiter(options.maxFailures ?? 5, 15 * 60_000);
  }

  /** A signed-in caller's report: staff see any vehicle under a granted pair, a citizen only their own. */
  async forCaller(caller: Caller, vin: string, intent: DossierIntent): Promise<SignedReport> {
    const staff = await this.options.policy.staffGrant(caller, intent);
    if (staff) {
      const vehicle = await findVehicle(this.options.exchange, { vin }, callOf(staff));
      if (!vehicle) throw new AppError('vehicle-not-found', 'No vehicle with this VIN in the register.');
      return this.issue(staff, vin, vehicle);
    }
    // Asked once for a stranger's vehicle and for an unknown VIN alike, then the policy decides.
    const grant = this.options.policy.ownerGrant(caller, await this.holderOf(vin));
    return this.issue(grant, vin);
  }

  /**
   * Anyone's report, given a fact only a holder of the vehicle's papers knows. A wrong fact and
   * an unknown vehicle get the same answer, and a client that keeps guessing is stopped.
   */
  async withSecondFact(
    key: VehicleKey,
    fact: SecondFact,
    clientAddress: string,
    log: RefusalLog,
  ): Promise<SignedReport> {
    if (this.limiter.blocked(clientAddress)) {
      throw new AppError('rate-limited', 'Too many reports asked with a wrong second fact: try again later.');
    }
    const grant = this.options.policy.publicGrant();
    const vehicle = await findVehicle(this.options.exchange, key, callOf(grant));
    const facts = vehicle?.body;
    if (!vehicle || !facts || !secondFactMatches(facts, fact)) {
      this.limiter.fail(clientAddress);
      log.info(
        { event: 'vehicle-report.refused' },
        'a vehicle report was asked with an unknown vehicle or a wrong fact',
      );
      throw new AppError(
        'vehicle-not-found',
        'No vehicle matches this VIN or plate together with the fact given.',
      );
    }
    return this.issue(grant, facts.vin, vehicle);
  }

  /** The signed report as PDF in the reader's language, recorded so that the PDF itself verifies. */
  async pdfOf(signed: SignedReport, language: PdfLanguage): Promise<Buffer> {
    const pdf = await this.renderer.render(signed, {
      verifyUrl: `${this.options.publicUrl}/verify/${signed.reference}`,
      language,
    });
    await this.options.store.recordPdf(signed.reference, pdf);
    return pdf;
  }

  close(): Promise<void> {
    return this.renderer.close();
  }

  /** Gathers the grant's sections from the registers, signs the report and records it. */
  private async issue(grant: DossierGrant, vin: string, vehicle?: KnownAnswer): Promise<SignedReport> {
    const gathered = await gatherReport(this.options.exchange, {
      ...grant,
      vin,
      vehicle,
      timeoutMs: this.options.timeoutMs ?? 3_000,
      today: new Date().toISOString().slice(0, 10),
    });
    const { currentOwnerId: _owner, ...content } = gathered;
    const body: ReportBody = {
      reference: newReference(),
      issuedAt: new Date().toISOString(),
      issuer: this.options.publicUrl,
      ...content,
    };
    return this.options.store.issue(body, grant.userId);
  }

  /** The vehicle's current holder as the vehicle register names them; null for an unknown VIN. */
  private async holderOf(vin: string): Promise<RegisteredHolder | null> {
    const answer = await this.options.exchange.ask(
      VEHICLES.endpoints.registrations,
      { vin },
      this.options.policy.holderLookup,
    );
    if (!answer.ok && answer.failure.kind !== 'not-found') throw failureError(answer.failure);
    const last = answer.body?.at(-1);
    return last ? { kind: last.ownerKind, id: last.ownerId } : null;
  }
}
