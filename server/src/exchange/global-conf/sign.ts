import { CompactSign, importPKCS8 } from 'jose';
import { globalConfigurationJwsType } from './jws-type.ts';
import type { GlobalConfiguration } from './types.ts';

export interface GlobalConfigurationSigner {
  /** PKCS#8 PEM of the registry's ES256 signing key. */
  privateKeyPem: string;
  /** The matching certificate, carried in `x5c` so a reader can tell which key signed. */
  certificatePem: string;
}

/** Publishes a global configuration as a compact JWS (ES256) whose payload is the JSON document. */
export async function signGlobalConfiguration(
  conf: GlobalConfiguration,
  { privateKeyPem, certificatePem }: GlobalConfigurationSigner,
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, 'ES256');
  return new CompactSign(new TextEncoder().encode(JSON.stringify(conf)))
    .setProtectedHeader({
      alg: 'ES256',
      typ: globalConfigurationJwsType,
      x5c: [pemToDerBase64(certificatePem)],
    })
    .sign(key);
}

function pemToDerBase64(certificatePem: string): string {
  const body = /-----BEGIN CERTIFICATE-----([\s\S]+?)-----END CERTIFICATE-----/.exec(certificatePem)?.[1];
  if (!body) throw new Error('The signer certificate is not a PEM certificate');
  return body.replace(/\s+/g, '');
}
