import type { Caller } from '../../access/index.ts';
import { AppError } from '../../kernel/index.ts';

/**
 * Who looks at usage records: the person they concern, or an auditor (who sees everything,
 * hidden records included, and whose look is itself recorded).
 */
export type UsageViewer = 'subject' | 'auditor';

/** The longest a record may lawfully stay hidden from its data subject. */
const MAX_HIDING_MS = 10 * 366 * 24 * 3600 * 1000;

/**
 * Who sees what of the data tracker's records, decided here rather than in the routes, so a
 * test can ask it without a server.
 */
export const usagePolicy = {
  /** A record hidden until a date is left out of its subject's view until then; auditors see it. */
  showsHiddenRecords(viewer: UsageViewer): boolean {
    return viewer === 'auditor';
  },

  /** An official's personal number goes to auditors only: the data subject is shown their name. */
  showsOfficialsNumber(viewer: UsageViewer): boolean {
    return viewer === 'auditor';
  },

  /** The reason a record was hidden is disclosed with it: to auditors at once, to its subject when it ends. */
  showsHiddenReason(viewer: UsageViewer, hiddenUntil: Date | null, now = new Date()): boolean {
    return viewer === 'auditor' || hiddenUntil === null || hiddenUntil <= now;
  },

  /**
   * The Data Tracker v3 findUsage: a person asks for their own data (as its subject), an
   * auditor for anyone's; anyone else is refused.
   */
  findUsageViewer(caller: Caller, subject: string): UsageViewer {
    if (caller.subject === subject) return 'subject';
    if (caller.roles.includes('auditor')) return 'auditor';
    throw new AppError('role-forbidden', 'A person may ask only for the usage of their own data.');
  },

  /**
   * Whose hidden cases a caller sees: every organisation's (auditors), otherwise only those of
   * the administrations the caller acts for.
   */
  async hiddenCasesScope(
    caller: Caller,
    clientsOf: (caller: Caller) => Promise<string[]>,
  ): Promise<readonly string[] | 'all'> {
    return caller.roles.includes('auditor') ? 'all' : clientsOf(caller);
  },

  /** A hiding date must lie ahead, and not beyond the longest lawful period (10 years). */
  hidingUntil(value: string, now = Date.now()): Date {
    const date = new Date(value);
    if (Number.isNaN(date.getTime()) || date.getTime() <= now) {
      throw new AppError('validation-failed', 'hiddenUntil must be a date-time in the future.');
    }
    if (date.getTime() > now + MAX_HIDING_MS) {
      throw new AppError('validation-failed', 'hiddenUntil may be at most 10 years ahead.');
    }
    return date;
  },
};
