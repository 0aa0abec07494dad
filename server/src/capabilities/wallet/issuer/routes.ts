import {
  CredentialOffer,
  CredentialResponse,
  NonceResponse,
  TokenResponse,
  WalletOffer,
  WalletOfferRequest,
} from '@civitas/contracts/api/wallet-issuer.ts';
import formbody from '@fastify/formbody';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { principalOf } from '../../../identity/index.ts';
import { AppError } from '../../../kernel/index.ts';
import { issuanceError } from './errors.ts';
import {
  authorizationServerMetadata,
  credentialIssuerMetadata,
  ISSUER_PATHS,
  PRE_AUTHORIZED_GRANT,
} from './metadata.ts';
import { IssuerNonces } from './nonces.ts';
import { PreAuthorizedOffers } from './offers.ts';
import {
  type CredentialGrant,
  type CredentialRequest,
  type IssuanceDependencies,
  issueCredentials,
} from './service.ts';

/** What the composition gives the issuer: its parts, and how an eID access token is read. */
export interface IssuerRouteOptions {
  issuance: Omit<IssuanceDependencies, 'nonces'>;
  /** The eID node's issuer (the authorization server of the code flow). */
  eidIssuer: string;
  /** The grant behind an eID access token for the credential issuer (authorization code flow). */
  eidGrant(request: FastifyRequest): Promise<CredentialGrant>;
}

const Problem = Type.Object(
  { type: Type.String(), title: Type.String(), status: Type.Integer(), code: Type.String() },
  {
    additionalProperties: true,
    description: 'RFC 9457 problem details (with OAuth `error` where the protocol has one)',
  },
);
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem };
const Metadata = Type.Record(Type.String(), Type.Unknown());

const TokenRequest = Type.Object(
  {
    grant_type: Type.String({ maxLength: 200 }),
    'pre-authorized_code': Type.Optional(
      Type.String({ minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }),
    ),
    tx_code: Type.Optional(Type.String({ maxLength: 32 })),
    client_id: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: true },
);

const AUTHORIZATION = /^(bearer|dpop) +([A-Za-z0-9\-_.~+/]+=*) *$/i;

function tokenRefused(reply: FastifyReply, detail: string): AppError {
  reply.header('www-authenticate', 'Bearer error="invalid_token", DPoP error="invalid_token", algs="ES256"');
  return issuanceError('issuance-token-invalid', detail);
}

async function registerMetadata(app: FastifyInstance, options: IssuerRouteOptions): Promise<void> {
  const urls = { credentialIssuer: options.issuance.issuer, eid: options.eidIssuer };
  const issuerMetadata = credentialIssuerMetadata(urls);
  const asMetadata = authorizationServerMetadata(urls);
  const schema = { tags: ['wallet'], response: { 200: Metadata } };
  app.get(
    '/.well-known/openid-credential-issuer',
    { config: { access: 'public' }, schema: { ...schema, summary: 'OpenID4VCI credential issuer metadata' } },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(issuerMetadata),
  );
  app.get(
    '/.well-known/oauth-authorization-server',
    {
      config: { access: 'public' },
      schema: { ...schema, summary: 'OAuth metadata of the pre-authorized grant' },
    },
    async (_request, reply) => reply.header('cache-control', 'public, max-age=300').send(asMetadata),
  );
}

/** The wallet issuer's HTTP routes (registered by ../routes.ts in their own scope). */
export async function issuerRoutes(app: FastifyInstance, options: IssuerRouteOptions): Promise<void> {
  const nonces = new IssuerNonces(options.issuance.db);
  const issuance: IssuanceDependencies = { ...options.issuance, nonces };
  const offers = new PreAuthorizedOffers(options.issuance.db, options.issuance.issuer);
  await registerMetadata(app, options);
  await app.register(async (scope) => tokenRoute(scope, offers));

  app.post(
    ISSUER_PATHS.nonce,
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'A fresh c_nonce for proofs (OpenID4VCI §7)',
        response: { 200: NonceResponse },
      },
    },
    async () => ({ c_nonce: (await nonces.issue()).nonce }),
  );

  await app.register(async (scope) => credentialRoute(scope, issuance, offers, options));

  app.get(
    `${ISSUER_PATHS.offers}/:code`,
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'A credential offer by reference (credential_offer_uri)',
        params: Type.Object({ code: Type.String({ maxLength: 200, pattern: '^[A-Za-z0-9_-]+$' }) }),
        response: { 200: CredentialOffer, ...problems },
      },
    },
    async (request) => offers.byReference((request.params as { code: string }).code),
  );

  app.post(
    '/api/wallet/offers',
    {
      config: {
        access: { roles: ['official'] },
        personalData: { purpose: 'credential-issuance', legalBasis: 'eidas-regulation-art-5a' },
      },
      schema: {
        tags: ['officials'],
        summary: 'A pre-authorized credential offer for the citizen at the desk (QR and transaction code)',
        security: [{ eid: [] }],
        body: WalletOfferRequest,
        response: { 200: WalletOffer, ...problems },
      },
    },
    async (request) => {
      const body = request.body as WalletOfferRequest;
      const problem = app.instance.personalNumbers.check(body.personalNumber);
      if (problem)
        throw new AppError('invalid-personal-number', `The personal number is not valid (${problem}).`);
      return offers.make({
        subject: body.personalNumber,
        configurationId: body.configurationId,
        vin: body.vin ?? null,
        createdBy: principalOf(request).subject,
      });
    },
  );
}

/**
 * The credential endpoint (OpenID4VCI §8). Its body is parsed here so that a body that is not
 * JSON is refused as the protocol says (`invalid_credential_request`), with Fastify's own parser
 * (prototype poisoning refused).
 */
async function credentialRoute(
  scope: FastifyInstance,
  issuance: IssuanceDependencies,
  offers: PreAuthorizedOffers,
  options: IssuerRouteOptions,
): Promise<void> {
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error)
        done(issuanceError('issuance-request-invalid', 'The credential request is not JSON.'), undefined);
      else done(null, value);
    });
  });
  scope.post(
    ISSUER_PATHS.credential,
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'Issue a credential for the access token, one copy per JWT proof (OpenID4VCI §8)',
        response: { 200: CredentialResponse, ...problems },
      },
    },
    async (request, reply) => {
      const grant = await grantOf(request, reply, offers, options);
      return issueCredentials(issuance, grant, request.body as CredentialRequest, request.log);
    },
  );
}

/** The token endpoint: the pre-authorized code grant, form-encoded (OpenID4VCI §6, RFC 6749 §4.1.3). */
async function tokenRoute(scope: FastifyInstance, offers: PreAuthorizedOffers): Promise<void> {
  await scope.register(formbody, { bodyLimit: 4096 });
  scope.post(
    ISSUER_PATHS.token,
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary: 'Exchange a pre-authorized code and its transaction code for an access token',
        body: TokenRequest,
        response: { 200: TokenResponse, ...problems },
      },
    },
    async (request, reply) => {
      const body = request.body as { grant_type: string; 'pre-authorized_code'?: string; tx_code?: string };
      if (body.grant_type !== PRE_AUTHORIZED_GRANT)
        throw issuanceError('issuance-grant-unsupported', `Only ${PRE_AUTHORIZED_GRANT} is granted here.`);
      const code = body['pre-authorized_code'];
      if (!code) throw issuanceError('issuance-code-invalid', 'Send the pre-authorized_code.');
      const token = await offers.redeem(code, body.tx_code);
      reply.header('pragma', 'no-cache');
      return { access_token: token.accessToken, token_type: 'Bearer' as const, expires_in: token.expiresIn };
    },
  );
}

/** The grant behind the request's access token: ours (pre-authorized) or the eID node's (code flow). */
async function grantOf(
  request: FastifyRequest,
  reply: FastifyReply,
  offers: PreAuthorizedOffers,
  options: IssuerRouteOptions,
): Promise<CredentialGrant> {
  const header = request.headers.authorization;
  const match = header ? AUTHORIZATION.exec(header) : null;
  if (!match) throw tokenRefused(reply, 'Send the access token in the Authorization header.');
  const token = match[2]!;
  if (token.includes('.')) {
    try {
      return await options.eidGrant(request);
    } catch (error) {
      if (error instanceof AppError && error.code.startsWith('issuance-')) throw error;
      throw tokenRefused(
        reply,
        error instanceof AppError && error.detail ? error.detail : 'The access token is not valid.',
      );
    }
  }
  const grant = match[1]!.toLowerCase() === 'bearer' ? await offers.grantOf(token) : undefined;
  if (!grant) throw tokenRefused(reply, 'The access token is unknown or expired.');
  return grant;
}
