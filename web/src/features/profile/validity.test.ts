import { describe, expect, it } from 'vitest';
import { effectiveValidity, validityTone } from './validity.ts';

describe('effectiveValidity', () => {
  const today = '2026-05-10';

  it('keeps a valid document valid until the end of its last day', () => {
    expect(effectiveValidity('valid', '2026-05-10', today)).toBe('valid');
    expect(effectiveValidity('valid', '2031-01-01', today)).toBe('valid');
  });

  it('shows a valid document whose date has passed as expired', () => {
    expect(effectiveValidity('valid', '2026-05-09', today)).toBe('expired');
  });

  it('lets a reported loss, theft or withdrawal outrank expiry', () => {
    expect(effectiveValidity('stolen', '2020-01-01', today)).toBe('stolen');
    expect(effectiveValidity('lost', '2030-01-01', today)).toBe('lost');
    expect(effectiveValidity('withdrawn', '2020-01-01', today)).toBe('withdrawn');
  });
});

describe('validityTone', () => {
  it('marks only valid documents as success and theft as danger', () => {
    expect(validityTone('valid')).toBe('success');
    expect(validityTone('expired')).toBe('warning');
    expect(validityTone('stolen')).toBe('danger');
  });
});
