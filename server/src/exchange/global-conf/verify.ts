import { Value } from '@sinclair/typebox/value';
import { compactVerify, errors } from 'jose';
import { importAnchorKey } from './anchor.ts';
import { globalConfigurationJwsType } from './jws-type.ts';
import { globalConfigurationSchema } from './schema.ts';
import type { GlobalConfiguration } from './types.ts';

export type GlobalConfigurationRejection = 'malformed' | 'bad-signature' | 'expired' | 'invalid';

export type GlobalConfigurationCheck =
  | { ok: true; conf: GlobalConfiguration }
  | { ok: false; reason: GlobalConfigurationRejection };

export interface GlobalConfigurationVerificationOptions {
  /** The configuration anchor, distributed out of band: the registry's signing certificate (or SPKI public key) PEM. */
  anchorCertificatePem: string;
  now?: Date;
}

/**
 * Accepts a global configuration only if the anchor's key signed it. The `x5c` header is never
 * trusted: anyone can put a certificate there. Never throws on a bad `jws`; throws on a broken anchor.
 */
export async function verifyGlobalConfiguration(
  jws: string,
  { anchorCertificatePem, now = new Date() }: GlobalConfigurationVerificationOptions,
): Promise<GlobalConfigurationCheck> {
  const anchorKey = await importAnchorKey(anchorCertificatePem);

  let payload: Uint8Array;
  try {
    const verified = await compactVerify(jws, anchorKey, { algorithms: ['ES256'] });
    if (verified.protectedHeader.typ !== globalConfigurationJwsType) return rejected('invalid');
    payload = verified.payload;
  } catch (error) {
    return rejected(error instanceof errors.JWSSignatureVerificationFailed ? 'bad-signature' : 'malformed');
  }

  const document = parseJson(payload);
  if (document === undefined) return rejected('malformed');
  if (!Value.Check(globalConfigurationSchema, document)) return rejected('invalid');
  const conf: GlobalConfiguration = document;

  const generatedAt = Date.parse(conf.generatedAt);
  const expiresAt = Date.parse(conf.expiresAt);
  if (Number.isNaN(generatedAt) || Number.isNaN(expiresAt) || expiresAt <= generatedAt)
    return rejected('invalid');
  if (now.getTime() >= expiresAt) return rejected('expired');
  return { ok: true, conf };
}

function parseJson(payload: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    return undefined;
  }
}

function rejected(reason: GlobalConfigurationRejection): GlobalConfigurationCheck {
  return { ok: false, reason };
}
