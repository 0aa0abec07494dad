import { makeEgn } from '@civitas/contracts/ids/egn.ts';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_PURPOSES,
  auditBasesFor,
  auditUsagePath,
  EMPTY_AUDIT_SEARCH,
  validateAuditSearch,
} from './audit-query.ts';

const EGN = makeEgn('1975-01-02', 'M', 1);
const grounds = { purpose: 'data-protection-supervision', legalBasis: 'gdpr-art-58' };

describe("the auditor's usage search", () => {
  it('requires the purpose and legal basis of the search itself', () => {
    expect(validateAuditSearch(EMPTY_AUDIT_SEARCH)).toEqual({
      ok: false,
      errors: [
        { field: 'purpose', problem: 'required' },
        { field: 'legalBasis', problem: 'required' },
      ],
    });
  });

  it('offers the purpose of supervision with the legal basis paired with it, and refuses any other pair', () => {
    expect(AUDIT_PURPOSES).toEqual(['data-protection-supervision']);
    expect(auditBasesFor('data-protection-supervision')).toEqual(['gdpr-art-58']);
    expect(auditBasesFor('criminal-investigation')).toEqual([]);
    expect(
      validateAuditSearch({
        ...EMPTY_AUDIT_SEARCH,
        purpose: 'data-protection-supervision',
        legalBasis: 'gdpr-art-15',
      }),
    ).toEqual({ ok: false, errors: [{ field: 'legalBasis', problem: 'not-granted' }] });
  });

  it('searches across persons, or for one person by a valid personal number', () => {
    expect(validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds })).toEqual({
      ok: true,
      search: { ...grounds, subject: null, from: '', to: '' },
    });
    const spaced = `${EGN.slice(0, 6)} ${EGN.slice(6)}`;
    expect(validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds, subject: spaced })).toMatchObject({
      ok: true,
      search: { subject: EGN },
    });
    const wrongCheckDigit = `${EGN.slice(0, 9)}${(Number(EGN[9]) + 1) % 10}`;
    expect(validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds, subject: wrongCheckDigit })).toEqual({
      ok: false,
      errors: [{ field: 'subject', problem: 'personal-number-invalid' }],
    });
    expect(validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds, subject: '12345' })).toEqual({
      ok: false,
      errors: [{ field: 'subject', problem: 'personal-number-digits' }],
    });
  });

  it('refuses a period that runs backwards or a day that does not exist', () => {
    expect(
      validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds, from: '2026-03-02', to: '2026-03-01' }),
    ).toEqual({ ok: false, errors: [{ field: 'to', problem: 'period-reversed' }] });
    expect(validateAuditSearch({ ...EMPTY_AUDIT_SEARCH, ...grounds, from: '2026-02-30' })).toEqual({
      ok: false,
      errors: [{ field: 'from', problem: 'date-invalid' }],
    });
  });

  it('asks the API with the grounds, the person and whole days', () => {
    const path = auditUsagePath({ ...grounds, subject: EGN, from: '2026-03-01', to: '2026-03-01' }, 50);
    const query = new URL(path, 'https://civitas.example').searchParams;
    expect(path.startsWith('/api/audit/usage?')).toBe(true);
    expect(Object.fromEntries(query)).toMatchObject({ ...grounds, subject: EGN, limit: '50', offset: '50' });
    expect(new Date(query.get('to')!).getTime() - new Date(query.get('from')!).getTime()).toBe(
      24 * 3600 * 1000 - 1,
    );
    expect(
      new URL(auditUsagePath({ ...grounds, subject: null, from: '', to: '' }, 0), 'https://x').search,
    ).toBe('?purpose=data-protection-supervision&legalBasis=gdpr-art-58&limit=50&offset=0');
  });
});
