import { describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/errors.ts';
import { usagePolicy } from './policy.ts';

const now = new Date('2026-12-06T12:00:00Z');
const later = new Date('2026-12-07T12:00:00Z');
const earlier = new Date('2026-12-05T12:00:00Z');

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('who sees what of the usage records', () => {
  it('shows hidden records and officials’ personal numbers to auditors only', () => {
    expect(usagePolicy.showsHiddenRecords('auditor')).toBe(true);
    expect(usagePolicy.showsHiddenRecords('subject')).toBe(false);
    expect(usagePolicy.showsOfficialsNumber('auditor')).toBe(true);
    expect(usagePolicy.showsOfficialsNumber('subject')).toBe(false);
  });

  it('discloses why a record was hidden to its subject only once the hiding has ended', () => {
    expect(usagePolicy.showsHiddenReason('subject', later, now)).toBe(false);
    expect(usagePolicy.showsHiddenReason('subject', earlier, now)).toBe(true);
    expect(usagePolicy.showsHiddenReason('subject', null, now)).toBe(true);
    expect(usagePolicy.showsHiddenReason('auditor', later, now)).toBe(true);
  });

  it('answers findUsage for the person themselves or an auditor, and refuses anyone else', () => {
    expect(usagePolicy.findUsageViewer({ subject: '1', roles: ['citizen'] }, '1')).toBe('subject');
    expect(usagePolicy.findUsageViewer({ subject: '1', roles: ['auditor'] }, '2')).toBe('auditor');
    // An auditor asking about themselves is that person: hidden records stay hidden.
    expect(usagePolicy.findUsageViewer({ subject: '1', roles: ['auditor'] }, '1')).toBe('subject');
    expect(codeOf(() => usagePolicy.findUsageViewer({ subject: '1', roles: ['police'] }, '2'))).toBe(
      'role-forbidden',
    );
  });

  it("shows auditors every organisation's hidden cases and others their own administration's", async () => {
    const clientsOf = async () => ['BG/GOV/000695235/sofia-police'];
    expect(await usagePolicy.hiddenCasesScope({ subject: '1', roles: ['auditor'] }, clientsOf)).toBe('all');
    expect(await usagePolicy.hiddenCasesScope({ subject: '1', roles: ['police'] }, clientsOf)).toEqual([
      'BG/GOV/000695235/sofia-police',
    ]);
  });

  it('hides until a date ahead, at most ten years', () => {
    const at = now.getTime();
    expect(usagePolicy.hidingUntil(later.toISOString(), at)).toEqual(later);
    expect(codeOf(() => usagePolicy.hidingUntil(earlier.toISOString(), at))).toBe('validation-failed');
    expect(codeOf(() => usagePolicy.hidingUntil('not a date', at))).toBe('validation-failed');
    expect(codeOf(() => usagePolicy.hidingUntil('2037-12-07T12:00:00Z', at))).toBe('validation-failed');
    expect(usagePolicy.hidingUntil('2036-12-01T12:00:00Z', at)).toEqual(new Date('2036-12-01T12:00:00Z'));
  });
});
