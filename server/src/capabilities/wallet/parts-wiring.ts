import { issueMdoc } from '@civitas/wallet/mdoc/issue.ts';
import { issueSdJwtVc } from '@civitas/wallet/sd-jwt/issue.ts';
import { createCredentialSource } from './credentials/service.ts';
import type { CredentialSigners } from './issuer/service.ts';
import type { WalletOptions } from './options.ts';
import type { CredentialSource } from './parts.ts';
import { createStatusLists, type StatusListsService } from './status/service.ts';
import { createWalletTrust, type WalletTrustService } from './trust/service.ts';

/** The wallet's parts, built once by the composition for every route module that uses them. */
export interface WalletParts {
  source: CredentialSource;
  trust: WalletTrustService;
  status: StatusListsService;
  signers: CredentialSigners;
}

/** Constructs the credential source, the trust (keys and certificates) and the status lists. */
export function walletParts(options: WalletOptions): WalletParts {
  const { db, config, exchange } = options;
  return {
    source: createCredentialSource({ exchange }),
    trust: createWalletTrust({ db, config }),
    status: createStatusLists({ db, publicUrl: config.publicUrl }),
    signers: { sdJwtVc: (input) => issueSdJwtVc(input), mdoc: issueMdoc },
  };
}
