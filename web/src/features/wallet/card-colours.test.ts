import { CREDENTIAL_CONFIGURATIONS } from '@civitas/wallet/catalogue.ts';
import { describe, expect, it } from 'vitest';
import { contrast, readableColours } from './card-colours.ts';

describe('document card colours', () => {
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#ffffff', '#ffffff')).toBeCloseTo(1, 5);
  });

  it('keeps a readable pair as it is, and darkens a background too light for white text', () => {
    expect(readableColours('#1f4e9a', '#ffffff')).toEqual({ background: '#1f4e9a', text: '#ffffff' });
    const fixed = readableColours('#00966e', '#ffffff');
    expect(fixed.background).not.toBe('#00966e');
    expect(contrast(fixed.background, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(readableColours('#777777', '#000000').background, '#000000')).toBeGreaterThanOrEqual(4.5);
  });

  it('gives every catalogue card readable colours', () => {
    for (const configuration of CREDENTIAL_CONFIGURATIONS) {
      const { background, text } = readableColours(configuration.background, configuration.text);
      expect(contrast(background, text), configuration.id).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('falls back for colours it cannot read', () => {
    expect(readableColours('red', '#fff')).toEqual({ background: '#1f2933', text: '#ffffff' });
  });
});
