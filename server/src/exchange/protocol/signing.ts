import type { KeyObject } from 'node:crypto';

export interface MemberSigner {
  memberId: string;
  /** Serial of the signing certificate, sent as `kid` so the verifier picks the right key. */
  certificateSerial: string;
  privateKey: KeyObject;
}

export interface VerificationKey {
  certificateSerial: string;
  publicKey: KeyObject;
}
