import type { PostProcessorModule } from 'i18next';

/**
 * One full stop where a text ends a sentence with an abbreviation: Bulgarian dates end in "г."
 * ("24 март 2026 г."), so "до {{date}}." would print "г..". Typography writes a single stop there.
 * An ellipsis written as three stops is left alone.
 */
export function singleFullStop(text: string): string {
  return text.replace(/(?<!\.)\.\.(?!\.)/g, '.');
}

export const SINGLE_FULL_STOP = 'singleFullStop';

/** The i18next post-processor that applies `singleFullStop` to every translated text. */
export const singleFullStopProcessor: PostProcessorModule = {
  type: 'postProcessor',
  name: SINGLE_FULL_STOP,
  process: (value: string) => singleFullStop(value),
};
