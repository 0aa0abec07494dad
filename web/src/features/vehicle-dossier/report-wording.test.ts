import { describe, expect, it } from 'vitest';
import {
  implausibleKind,
  odometerVerdictTone,
  referenceMatch,
  registrationStatusTone,
  rejectionReason,
} from './report-wording.ts';

describe('odometer verdict tone', () => {
  it('warns loudest about a rollback', () => {
    expect(odometerVerdictTone('consistent')).toBe('success');
    expect(odometerVerdictTone('rollback')).toBe('danger');
    expect(odometerVerdictTone('implausible')).toBe('warning');
    expect(odometerVerdictTone('insufficient-data')).toBe('neutral');
  });
});

describe('registration status tone', () => {
  it('tells registered, deregistered and scrapped apart', () => {
    expect(registrationStatusTone('registered')).toBe('success');
    expect(registrationStatusTone('deregistered')).toBe('warning');
    expect(registrationStatusTone('scrapped')).toBe('danger');
  });
});

describe('rejectionReason', () => {
  it('keeps the reasons the app has words for', () => {
    expect(rejectionReason({ valid: false, reason: 'altered', detail: '' })).toBe('altered');
    expect(rejectionReason({ valid: false, reason: 'unknown-reference', detail: '' })).toBe(
      'unknown-reference',
    );
  });

  it('reads a reason it does not know, or none, as unknown', () => {
    const future = { valid: false, reason: 'revoked', detail: '' } as unknown as Parameters<
      typeof rejectionReason
    >[0];
    expect(rejectionReason(future)).toBe('unknown');
    expect(rejectionReason({ valid: false, detail: '' })).toBe('unknown');
  });
});

describe('referenceMatch', () => {
  const verdict = { valid: true, detail: '', reference: 'VR-1234-5678-9ABC' };

  it('says nothing on the upload-only page', () => {
    expect(referenceMatch(null, verdict)).toBeNull();
  });

  it('compares the file reference with the page reference, ignoring case', () => {
    expect(referenceMatch('vr-1234-5678-9abc', verdict)).toBe('same');
    expect(referenceMatch('VR-0000-0000-0000', verdict)).toBe('different');
  });

  it('does not call an altered copy the report of the page, only one that names it', () => {
    const altered = { valid: false, reason: 'altered' as const, detail: '', reference: 'VR-1234-5678-9ABC' };
    expect(referenceMatch('VR-1234-5678-9ABC', altered)).toBe('claimed');
  });

  it('says when the file names no reference', () => {
    expect(referenceMatch('VR-1234-5678-9ABC', { valid: false, detail: '' })).toBe('not-named');
  });
});

describe('implausibleKind', () => {
  it('tells a reading dated in the future from an implausible rate', () => {
    expect(implausibleKind({ fromDate: '2030-01-01', toDate: '2030-01-01', kmPerYear: 0 })).toBe('future');
    expect(implausibleKind({ fromDate: '2020-01-01', toDate: '2020-03-01', kmPerYear: 250_000 })).toBe(
      'rate',
    );
  });
});
