import type { CredentialSigners } from './issuer/service.ts';
import type { WalletOptions } from './options.ts';
import type { CredentialSource, StatusLists, WalletTrust } from './parts.ts';

/** The wallet's parts, built once for every route module that uses them. */
export interface WalletParts {
  source: CredentialSource;
  trust: WalletTrust;
  status: StatusLists;
  signers: CredentialSigners;
}

const pending = (part: string) => () => {
  throw new Error(`The wallet's ${part} is not wired yet.`);
};

/** Constructs the credentials source, the trust and the status lists (TEMPORARY until the parts merge). */
export function walletParts(_options: WalletOptions): WalletParts {
  return {
    source: { claimsFor: pending('credential source') },
    trust: { issuerSigner: pending('trust'), trustAnchors: pending('trust') },
    status: { allocate: pending('status lists') },
    signers: { sdJwtVc: pending('SD-JWT VC signer'), mdoc: pending('mdoc signer') },
  };
}
