import { canonicalJson } from '@civitas/contracts/canonical-json.ts';
import { signingKey } from './signing-key.ts';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function base64Decode(text: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * A JAdES baseline-B compact JWS of `payload` with the signed-in person's key (ports.md §2):
 * ES256; protected header alg, typ 'jose', cty 'json', x5c [leaf, CA], x5t#S256, sigT, crit
 * ['sigT']; the payload as canonical JSON.
 */
export async function signJades(payload: unknown): Promise<string> {
  const key = await signingKey();
  const chain = key.certificate.chain;
  const thumbprint = new Uint8Array(await crypto.subtle.digest('SHA-256', base64Decode(chain[0]!)));
  const header = {
    alg: 'ES256',
    typ: 'jose',
    cty: 'json',
    x5c: chain,
    'x5t#S256': base64Url(thumbprint),
    sigT: `${new Date().toISOString().slice(0, 19)}Z`,
    crit: ['sigT'],
  };
  const signingInput = `${base64Url(utf8(JSON.stringify(header)))}.${base64Url(utf8(canonicalJson(payload)))}`;
  const signature = await crypto.subtle.sign(
    { name: 'ECDSA', hash: 'SHA-256' },
    key.privateKey,
    utf8(signingInput),
  );
  return `${signingInput}.${base64Url(new Uint8Array(signature))}`;
}
