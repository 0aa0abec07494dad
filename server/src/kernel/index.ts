/** The public API of kernel: what other contexts and the composition root use of it. */
export { preferredLanguage } from './accept-language.ts';
export type { Config } from './config.ts';
export { ConfigError, loadConfig } from './config.ts';
export type { CodesOf, ErrorTable, Problem, ProblemCode } from './errors.ts';
export { AppError, defineErrors, mergeErrorTables } from './errors.ts';
export { KeyStore } from './key-store.ts';
export { platformLoggerOptions } from './log-redaction.ts';
export { createProgress } from './progress.ts';
export type { LegalBasisCode, PurposeCode, PurposePair } from './purposes.ts';
export {
  formatPair,
  isHideable,
  isLegalBasis,
  isPurpose,
  LEGAL_BASES,
  PURPOSES,
  samePair,
  unknownCodeIn,
} from './purposes.ts';
export type { Seed, WeightedPairs } from './random.ts';
export { forkRandom, Random, WeightedTable } from './random.ts';
