import { walletCredentialsErrors } from './credentials/errors.ts';
import { walletIssuerErrors } from './issuer/errors.ts';
import { walletStatusErrors } from './status/errors.ts';
import { walletVerifierErrors } from './verifier/errors.ts';

/** The wallet's error codes: its parts' tables as one (a code in two parts fails the boot's merge). */
export const walletErrors = {
  ...walletIssuerErrors,
  ...walletCredentialsErrors,
  ...walletStatusErrors,
  ...walletVerifierErrors,
};
