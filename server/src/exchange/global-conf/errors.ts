export type GlobalConfigurationErrorCode = 'missing' | 'expired';

/** Why a node may not exchange right now: it holds no valid global configuration. */
export class GlobalConfigurationError extends Error {
  readonly code: GlobalConfigurationErrorCode;

  constructor(code: GlobalConfigurationErrorCode, message: string) {
    super(message);
    this.name = 'GlobalConfigurationError';
    this.code = code;
  }
}
