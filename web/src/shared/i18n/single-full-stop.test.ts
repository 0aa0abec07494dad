import { createInstance } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatDate } from './format-date.ts';
import { localeResources } from './locale-resources.ts';
import { SINGLE_FULL_STOP, singleFullStop, singleFullStopProcessor } from './single-full-stop.ts';

describe('singleFullStop', () => {
  it('writes one full stop after a Bulgarian date that ends a sentence', () => {
    expect(singleFullStop('Застраховано до 24 март 2026 г..')).toBe('Застраховано до 24 март 2026 г.');
    expect(singleFullStop('скрит до 24 март 2026 г.. Причина: съд')).toBe(
      'скрит до 24 март 2026 г. Причина: съд',
    );
  });

  it('leaves single stops and an ellipsis of three stops as they are', () => {
    expect(singleFullStop('Insured until 24 March 2026.')).toBe('Insured until 24 March 2026.');
    expect(singleFullStop('Loading...')).toBe('Loading...');
  });

  it('applies to every translated text with a date in it', () => {
    const i18n = createInstance();
    void i18n.use(singleFullStopProcessor).init({
      lng: 'bg',
      resources: { bg: { translation: localeResources.bg! } },
      postProcess: [SINGLE_FULL_STOP],
      initAsync: false,
      interpolation: { escapeValue: false },
    });
    const date = formatDate('2026-03-24', 'bg-BG');
    expect(date).toBe('24 март 2026 г.');
    expect(i18n.t('vehicleReport.insurance.insuredUntil', { date })).toBe('Застраховано до 24 март 2026 г.');
    expect(i18n.t('vehicleReport.insurance.lastEnded', { date })).toBe(
      'Последната полица е изтекла на 24 март 2026 г.',
    );
  });
});
