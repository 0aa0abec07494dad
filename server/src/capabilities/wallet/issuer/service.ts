import crypto from 'node:crypto';
import { type CredentialConfiguration, credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import type { IssueMdocInput, IssueSdJwtVcInput, PublicJwk, X509Signer } from '@civitas/wallet/formats.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Insertable } from 'kysely';
import { type Connection, tablesOf } from '../../../db/index.ts';
import type { CredentialSource, IssuableCredential, StatusLists, WalletTrust } from '../parts.ts';
import { issuanceError } from './errors.ts';
import type { IssuerNonces } from './nonces.ts';
import { type VerifiedProof, verifyJwtProof } from './proofs.ts';
import type { IssuedCredentialRow, IssuerTables } from './tables.ts';

/** The format libraries' signing functions (`@civitas/wallet/sd-jwt/issue.ts`, `mdoc/issue.ts`). */
export interface CredentialSigners {
  sdJwtVc(input: IssueSdJwtVcInput): Promise<string>;
  /** The mdoc's IssuerSigned structure, base64url (OpenID4VCI 1.0 appendix A.2.4). */
  mdoc(input: IssueMdocInput): Promise<string>;
}

export interface IssuanceDependencies {
  db: Connection;
  /** The credential issuer identifier (the public URL): every proof's `aud`. */
  issuer: string;
  nonces: IssuerNonces;
  source: CredentialSource;
  trust: WalletTrust;
  status: StatusLists;
  signers: CredentialSigners;
}

/** Who may receive what: from a pre-authorized token, or an eID access token's granted details. */
export interface CredentialGrant {
  subject: string;
  configurationIds: readonly string[];
  vin: string | null;
}

export interface CredentialRequest {
  credential_configuration_id?: unknown;
  proofs?: unknown;
}

const DAY_MS = 86_400_000;

/** The request's configuration and its proofs, checked for shape before any signature is. */
function readRequest(request: CredentialRequest, grant: CredentialGrant) {
  if (typeof request !== 'object' || request === null || Array.isArray(request))
    throw issuanceError('issuance-request-invalid', 'The credential request is a JSON object.');
  const id = request.credential_configuration_id;
  if (typeof id !== 'string')
    throw issuanceError('issuance-request-invalid', 'Name the credential_configuration_id.');
  const configuration = credentialConfiguration(id);
  if (!configuration)
    throw issuanceError('issuance-configuration-unknown', 'No such credential configuration.');
  if (!grant.configurationIds.includes(id))
    throw issuanceError('issuance-not-granted', 'The access token was not granted this credential.');
  const proofs = request.proofs as { jwt?: unknown } | undefined;
  if (!proofs || typeof proofs !== 'object' || !Array.isArray(proofs.jwt) || Object.keys(proofs).length !== 1)
    throw issuanceError('issuance-proof-invalid', 'Send proofs.jwt: a list of JWT proofs, one per copy.');
  if (proofs.jwt.length === 0) throw issuanceError('issuance-proof-invalid', 'Send at least one proof.');
  if (proofs.jwt.length > configuration.batchSize)
    throw issuanceError('issuance-batch-too-large', `At most ${configuration.batchSize} copies at a time.`);
  return { configuration, jwts: proofs.jwt as unknown[] };
}

/** Every proof checked, each by its own key, all with one nonce of ours (used up here). */
async function checkProofs(deps: IssuanceDependencies, jwts: unknown[]): Promise<VerifiedProof[]> {
  const now = Date.now();
  const proofs = await Promise.all(jwts.map((jwt) => verifyJwtProof(jwt, deps.issuer, now)));
  if (new Set(proofs.map((proof) => proof.thumbprint)).size !== proofs.length)
    throw issuanceError('issuance-proof-key-reused', 'Each copy must be bound to a distinct device key.');
  const nonce = proofs[0]!.nonce;
  if (proofs.some((proof) => proof.nonce !== nonce))
    throw issuanceError('issuance-nonce-invalid', 'All proofs of a request carry the same nonce.');
  if (!(await deps.nonces.consume(nonce)))
    throw issuanceError('issuance-nonce-invalid', 'The nonce is not ours, used already or expired.');
  return proofs;
}

/** A copy's validity: the configuration's days, never past the source document's own expiry. */
function validity(configuration: CredentialConfiguration, credential: IssuableCredential, now: Date) {
  let until = now.getTime() + configuration.validityDays * DAY_MS;
  if (credential.validUntil) until = Math.min(until, Date.parse(`${credential.validUntil}T23:59:59Z`));
  return { from: now, until: new Date(until) };
}

/** The catalogue's selectively disclosable paths that this person's claims have (a photo may be missing). */
function disclosablePaths(
  configuration: CredentialConfiguration,
  claims: Readonly<Record<string, unknown>>,
): string[][] {
  return configuration.claims
    .filter((claim) => claim.selective && hasPath(claims, claim.path))
    .map((claim) => [...claim.path]);
}

function hasPath(claims: unknown, path: readonly string[]): boolean {
  let value = claims;
  for (const segment of path) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return false;
    value = (value as Record<string, unknown>)[segment];
  }
  return value !== undefined && value !== null;
}

interface Copy {
  configuration: CredentialConfiguration;
  credential: IssuableCredential;
  holder: PublicJwk;
  status: { uri: string; idx: number };
  signer: X509Signer;
  from: Date;
  until: Date;
}

function sign(deps: IssuanceDependencies, copy: Copy): Promise<string> {
  const { configuration, credential, holder, status, signer } = copy;
  if (configuration.format === 'dc+sd-jwt') {
    return deps.signers.sdJwtVc({
      issuer: deps.issuer,
      vct: configuration.vct!,
      claims: credential.claims,
      disclosable: disclosablePaths(configuration, credential.claims),
      holder,
      status,
      issuedAt: Math.floor(copy.from.getTime() / 1000),
      expiresAt: Math.floor(copy.until.getTime() / 1000),
      signer,
    });
  }
  return deps.signers.mdoc({
    doctype: configuration.doctype!,
    namespaces: credential.claims as IssueMdocInput['namespaces'],
    holder,
    status,
    signedAt: copy.from,
    validFrom: copy.from,
    validUntil: copy.until,
    signer,
  });
}

/**
 * The credential endpoint's work (OpenID4VCI 1.0 §8): proofs checked and the nonce used up, the
 * claims asked of the registers through the exchange (purpose credential-issuance: logged in
 * the transparency log, shown in "Who used my data"), then in one transaction a status index
 * and a record per copy, each signed by the issuer's current key. A failure anywhere leaves
 * nothing written.
 */
export async function issueCredentials(
  deps: IssuanceDependencies,
  grant: CredentialGrant,
  request: CredentialRequest,
  log: FastifyBaseLogger,
): Promise<{ credentials: Array<{ credential: string }> }> {
  const { configuration, jwts } = readRequest(request, grant);
  const proofs = await checkProofs(deps, jwts);
  const caseRef = `wallet-issuance-${crypto.randomUUID()}`;
  const credential = await deps.source.claimsFor(configuration.id, grant.subject, {
    caseRef,
    log,
    ...(grant.vin && { vin: grant.vin }),
  });
  const signer = await deps.trust.issuerSigner();
  const { from, until } = validity(configuration, credential, new Date());
  const credentials = await tablesOf<IssuerTables>(deps.db)
    .transaction()
    .execute(async (trx) => {
      const issued: Array<{ credential: string }> = [];
      const rows: Insertable<IssuedCredentialRow>[] = [];
      for (const proof of proofs) {
        const id = crypto.randomUUID();
        const status = await deps.status.allocate(trx, {
          credentialId: id,
          format: configuration.format,
          subject: grant.subject,
          sources: credential.sources,
          configuration: configuration.id,
          issuedAt: from,
          expiresAt: until,
        });
        const copy = { configuration, credential, holder: proof.holder, status, signer, from, until };
        issued.push({ credential: await sign(deps, copy) });
        rows.push({
          id,
          subject: grant.subject,
          configuration_id: configuration.id,
          format: configuration.format,
          status_uri: status.uri,
          status_idx: status.idx,
          holder_key_thumbprint: proof.thumbprint,
          case_ref: caseRef,
          issued_at: from,
          expires_at: until,
        });
      }
      await tablesOf<IssuerTables>(trx).insertInto('wallet.issued_credentials').values(rows).execute();
      return issued;
    });
  log.info({ event: 'wallet.issued', configuration: configuration.id, copies: credentials.length, caseRef });
  return { credentials };
}
