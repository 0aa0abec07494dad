import { describe, expect, it } from 'vitest';
import { dayBoundary, hasFilters, isPeriodReversed, NO_FILTERS, sessionsPath } from './usage-query.ts';

describe('sessionsPath', () => {
  it('asks for the first page of 20 sessions without filters', () => {
    expect(sessionsPath(NO_FILTERS, 0)).toBe('/api/me/data-usage/sessions?limit=20&offset=0');
  });

  it('sends the organisation and purpose as given, encoded', () => {
    const path = sessionsPath(
      {
        ...NO_FILTERS,
        organisation: 'BG/GOV/177547175/civitas-portal',
        purpose: 'e-service: parking & more',
      },
      50,
    );
    const query = new URL(path, 'https://civitas.example').searchParams;
    expect(query.get('organisation')).toBe('BG/GOV/177547175/civitas-portal');
    expect(query.get('purpose')).toBe('e-service: parking & more');
    expect(query.get('offset')).toBe('50');
  });

  it('turns the period into instants from the start of the first day to the end of the last', () => {
    const query = new URL(
      sessionsPath({ ...NO_FILTERS, from: '2026-03-05', to: '2026-03-07' }, 0),
      'https://x',
    ).searchParams;
    const from = new Date(query.get('from')!);
    const to = new Date(query.get('to')!);
    expect([from.getFullYear(), from.getMonth(), from.getDate(), from.getHours(), from.getMinutes()]).toEqual(
      [2026, 2, 5, 0, 0],
    );
    expect([to.getDate(), to.getHours(), to.getMinutes(), to.getSeconds(), to.getMilliseconds()]).toEqual([
      7, 23, 59, 59, 999,
    ]);
  });

  it('leaves out a date that is not an ISO date of a real day', () => {
    expect(sessionsPath({ ...NO_FILTERS, from: '5.3.2026' }, 0)).toBe(
      '/api/me/data-usage/sessions?limit=20&offset=0',
    );
    expect(dayBoundary('2026-02-30')).toBeNull();
    expect(dayBoundary('')).toBeNull();
  });
});

describe('filters', () => {
  it('tell a reversed period and whether any filter is set', () => {
    expect(isPeriodReversed({ ...NO_FILTERS, from: '2026-03-07', to: '2026-03-05' })).toBe(true);
    expect(isPeriodReversed({ ...NO_FILTERS, from: '2026-03-05', to: '2026-03-05' })).toBe(false);
    expect(isPeriodReversed({ ...NO_FILTERS, from: '2026-03-07' })).toBe(false);
    expect(hasFilters(NO_FILTERS)).toBe(false);
    expect(hasFilters({ ...NO_FILTERS, purpose: 'x' })).toBe(true);
  });
});
