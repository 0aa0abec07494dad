import crypto from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, SignJWT } from 'jose';

/** A minimal browser: follows nothing by itself, keeps cookies per name. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      const joined = value.join('=');
      if (joined === '') this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), joined);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

/** A DPoP key (RFC 9449) and the proofs made with it. */
export class DpopKey {
  private readonly privateKey: PrivateKey;
  readonly publicJwk: JWK;
  readonly thumbprint: string;

  private constructor(privateKey: PrivateKey, publicJwk: JWK, thumbprint: string) {
    this.privateKey = privateKey;
    this.publicJwk = publicJwk;
    this.thumbprint = thumbprint;
  }

  static async generate(): Promise<DpopKey> {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const publicJwk = await exportJWK(publicKey);
    return new DpopKey(privateKey, publicJwk, await calculateJwkThumbprint(publicJwk, 'sha256'));
  }

  proof(
    method: string,
    url: string,
    {
      accessToken,
      jti = crypto.randomUUID(),
      iat,
    }: { accessToken?: string; jti?: string; iat?: number } = {},
  ): Promise<string> {
    const claims: Record<string, unknown> = { htm: method, htu: url, jti };
    if (accessToken) claims.ath = crypto.createHash('sha256').update(accessToken).digest('base64url');
    return new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: this.publicJwk })
      .setIssuedAt(iat ?? Math.floor(Date.now() / 1000))
      .sign(this.privateKey);
  }
}

export interface EidTokens {
  access_token: string;
  id_token: string;
  token_type: string;
  expires_in: number;
}

/**
 * The Civitas web app's sign-in, without a browser: a pushed authorization request (PAR), the
 * eID node's PIN page, the code exchanged with PKCE and a DPoP proof.
 */
export class EidClient {
  readonly jar = new CookieJar();
  readonly base: string;
  readonly key: DpopKey;
  /** Sent as X-Forwarded-For: the client's address as a trusted proxy would report it. */
  private readonly forwardedFor: Record<string, string>;
  private verifier = '';

  private constructor(base: string, key: DpopKey, forwardedFor: string | undefined) {
    this.base = base;
    this.key = key;
    this.forwardedFor = forwardedFor ? { 'x-forwarded-for': forwardedFor } : {};
  }

  static async create(base: string, { forwardedFor }: { forwardedFor?: string } = {}): Promise<EidClient> {
    return new EidClient(base, await DpopKey.generate(), forwardedFor);
  }

  /** POSTs the authorization request to the PAR endpoint; answers the raw response. */
  async pushAuthorization(extra: Record<string, string> = {}, dpop = true): Promise<Response> {
    this.verifier = crypto.randomBytes(32).toString('base64url');
    const challenge = crypto.createHash('sha256').update(this.verifier).digest('base64url');
    const url = `${this.base}/oidc/request`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(dpop && { dpop: await this.key.proof('POST', url) }),
      },
      body: new URLSearchParams({
        client_id: 'civitas-web',
        response_type: 'code',
        scope: 'openid profile',
        redirect_uri: `${this.base}/callback`,
        state: 'state-1',
        nonce: 'nonce-1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
        ...extra,
      }),
    });
  }

  /** PAR, then the authorization endpoint: answers the interaction page's path. */
  async startSignIn(extra: Record<string, string> = {}): Promise<string> {
    const pushed = await this.pushAuthorization(extra);
    if (pushed.status !== 201) throw new Error(`PAR answered ${pushed.status}: ${await pushed.text()}`);
    const { request_uri: requestUri } = (await pushed.json()) as { request_uri: string };
    const query = new URLSearchParams({ client_id: 'civitas-web', request_uri: requestUri });
    const authorize = await fetch(`${this.base}/oidc/auth?${query}`, {
      redirect: 'manual',
      headers: { cookie: this.jar.header() },
    });
    this.jar.store(authorize);
    if (authorize.status !== 303) throw new Error(`authorization answered ${authorize.status}`);
    return authorize.headers.get('location')!;
  }

  async submitLogin(interactionUrl: string, personalNumber: string, pin: string): Promise<Response> {
    const response = await fetch(`${this.base}${interactionUrl}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        cookie: this.jar.header(),
        'content-type': 'application/x-www-form-urlencoded',
        ...this.forwardedFor,
      },
      body: new URLSearchParams({ personalNumber, pin }),
    });
    this.jar.store(response);
    return response;
  }

  /** Follows the eID node's redirects after a login until the callback; answers its URL. */
  async followToCallback(location: string): Promise<URL> {
    let next = location;
    for (let hop = 0; hop < 5; hop++) {
      const url = new URL(next, this.base);
      if (url.pathname === '/callback') return url;
      const response = await fetch(url, { redirect: 'manual', headers: { cookie: this.jar.header() } });
      this.jar.store(response);
      const target = response.headers.get('location');
      if (!target) throw new Error(`no redirect from ${url.pathname} (${response.status})`);
      next = target;
    }
    throw new Error('too many redirects');
  }

  async exchangeCode(code: string, { dpop = this.key as DpopKey | null } = {}): Promise<Response> {
    const url = `${this.base}/oidc/token`;
    return fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(dpop && { dpop: await dpop.proof('POST', url) }),
      },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: `${this.base}/callback`,
        client_id: 'civitas-web',
        code_verifier: this.verifier,
      }),
    });
  }

  /** The whole sign-in; answers the token response. */
  async signIn(personalNumber: string, pin: string): Promise<EidTokens> {
    const interaction = await this.startSignIn();
    const login = await this.submitLogin(interaction, personalNumber, pin);
    if (login.status !== 303) throw new Error(`login answered ${login.status}`);
    const callback = await this.followToCallback(login.headers.get('location')!);
    const response = await this.exchangeCode(callback.searchParams.get('code')!);
    if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}`);
    return (await response.json()) as EidTokens;
  }

  /** `Authorization` and `DPoP` headers for a request to the API with a bound token. */
  async authorization(accessToken: string, method: string, path: string): Promise<Record<string, string>> {
    return {
      authorization: `DPoP ${accessToken}`,
      dpop: await this.key.proof(method, `${this.base}${path.split('?')[0]}`, { accessToken }),
    };
  }
}
