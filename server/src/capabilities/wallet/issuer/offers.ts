import crypto from 'node:crypto';
import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import QRCode from 'qrcode';
import { type Connection, tablesOf } from '../../../db/index.ts';
import { type IssuanceCode, issuanceError } from './errors.ts';
import { ISSUER_PATHS, PRE_AUTHORIZED_GRANT } from './metadata.ts';
import type { IssuerOfferRow, IssuerTables } from './tables.ts';

/** How long an offer made at a desk stays open. */
export const OFFER_TTL_S = 10 * 60;
/** Wrong transaction codes an offer survives; the next one kills it. */
export const TX_CODE_ATTEMPTS = 5;
export const TX_CODE_LENGTH = 6;
/** How long an access token from a pre-authorized code is good for. */
export const PRE_AUTHORIZED_TOKEN_TTL_S = 300;

export interface NewOffer {
  subject: string;
  configurationId: string;
  vin: string | null;
  createdBy: string;
}

export interface MadeOffer {
  offerUri: string;
  offerByReferenceUri: string;
  qrSvg: string;
  txCode: string;
  expiresAt: string;
}

/** What a pre-authorized access token lets its bearer receive. */
export interface PreAuthorizedGrant {
  subject: string;
  configurationIds: readonly string[];
  vin: string | null;
}

export const sha256 = (text: string): string => crypto.createHash('sha256').update(text).digest('base64url');
const txCodeHash = (offerId: string, txCode: string): string => sha256(`${offerId}:${txCode}`);

/** The offer's JSON (OpenID4VCI 1.0 §4.1.1) for a pre-authorized code. */
export function credentialOffer(
  issuer: string,
  row: Pick<IssuerOfferRow, 'configuration_ids'>,
  code: string,
): Record<string, unknown> {
  return {
    credential_issuer: issuer,
    credential_configuration_ids: row.configuration_ids,
    grants: {
      [PRE_AUTHORIZED_GRANT]: {
        'pre-authorized_code': code,
        tx_code: { input_mode: 'numeric', length: TX_CODE_LENGTH, description: 'Civitas' },
        authorization_server: issuer,
      },
    },
  };
}

function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}

/**
 * Pre-authorized offers: made by an official for a citizen at a desk, redeemed once by the
 * citizen's wallet with the transaction code shown on the desk's screen.
 */
export class PreAuthorizedOffers {
  private readonly db: Connection;
  private readonly issuer: string;

  constructor(db: Connection, issuer: string) {
    this.db = db;
    this.issuer = issuer;
  }

  async make(offer: NewOffer): Promise<MadeOffer> {
    const configuration = credentialConfiguration(offer.configurationId);
    if (!configuration)
      throw issuanceError('issuance-configuration-unknown', 'No such credential configuration.');
    if (configuration.id === 'vehicle-registration' && !offer.vin)
      throw issuanceError('issuance-vin-required', 'Give the vehicle identification number.');
    const id = crypto.randomUUID();
    const code = crypto.randomBytes(32).toString('base64url');
    const txCode = String(crypto.randomInt(0, 10 ** TX_CODE_LENGTH)).padStart(TX_CODE_LENGTH, '0');
    const expiresAt = new Date(Date.now() + OFFER_TTL_S * 1000);
    const row = { configuration_ids: [configuration.id] };
    await tablesOf<IssuerTables>(this.db)
      .insertInto('wallet.issuer_offers')
      .values({
        id,
        code_hash: sha256(code),
        tx_code_hash: txCodeHash(id, txCode),
        subject: offer.subject,
        configuration_ids: row.configuration_ids,
        vin: configuration.id === 'vehicle-registration' ? offer.vin : null,
        created_by: offer.createdBy,
        expires_at: expiresAt,
        state: 'open',
      })
      .execute();
    const json = JSON.stringify(credentialOffer(this.issuer, row, code));
    const offerUri = `openid-credential-offer://?credential_offer=${encodeURIComponent(json)}`;
    const reference = `${this.issuer}${ISSUER_PATHS.offers}/${code}`;
    return {
      offerUri,
      offerByReferenceUri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(reference)}`,
      qrSvg: await qrSvg(offerUri),
      txCode,
      expiresAt: expiresAt.toISOString(),
    };
  }

  /** The offer a `credential_offer_uri` names, while it is open. */
  async byReference(code: string): Promise<Record<string, unknown>> {
    const row = await tablesOf<IssuerTables>(this.db)
      .selectFrom('wallet.issuer_offers')
      .select(['configuration_ids', 'expires_at', 'state'])
      .where('code_hash', '=', sha256(code))
      .executeTakeFirst();
    if (row?.state !== 'open' || new Date(row.expires_at).getTime() <= Date.now())
      throw issuanceError('issuance-offer-not-found', 'No such credential offer, or it is no longer open.');
    return credentialOffer(this.issuer, row, code);
  }

  /**
   * The token endpoint's pre-authorized grant: the code once, with its transaction code. A wrong
   * code counts against the offer (the count is committed even though the request fails); the
   * fifth kills it. Answers a short-lived access token bound to the offer's subject and credential.
   */
  async redeem(
    code: string,
    txCode: string | undefined,
  ): Promise<{ accessToken: string; expiresIn: number }> {
    const outcome = await tablesOf<IssuerTables>(this.db)
      .transaction()
      .execute(async (trx): Promise<Redemption> => {
        const tables = tablesOf<IssuerTables>(trx);
        const row = await tables
          .selectFrom('wallet.issuer_offers')
          .selectAll()
          .where('code_hash', '=', sha256(code))
          .forUpdate()
          .executeTakeFirst();
        if (!row || row.state === 'redeemed') return { refused: 'issuance-code-invalid' } as const;
        if (row.state === 'dead') return { refused: 'issuance-offer-exhausted' } as const;
        if (new Date(row.expires_at).getTime() <= Date.now())
          return { refused: 'issuance-code-expired' } as const;
        if (!txCode || !equal(txCodeHash(row.id, txCode), row.tx_code_hash)) {
          const attempts = row.failed_attempts + 1;
          const dead = attempts >= TX_CODE_ATTEMPTS;
          await tables
            .updateTable('wallet.issuer_offers')
            .set({ failed_attempts: attempts, ...(dead && { state: 'dead' as const }) })
            .where('id', '=', row.id)
            .execute();
          return dead
            ? ({ refused: 'issuance-offer-exhausted' } as const)
            : ({ refused: 'issuance-tx-code-wrong', left: TX_CODE_ATTEMPTS - attempts } as const);
        }
        await tables
          .updateTable('wallet.issuer_offers')
          .set({ state: 'redeemed' })
          .where('id', '=', row.id)
          .execute();
        const accessToken = crypto.randomBytes(32).toString('base64url');
        await tables
          .insertInto('wallet.issuer_access_tokens')
          .values({
            token_hash: sha256(accessToken),
            offer_id: row.id,
            subject: row.subject,
            configuration_ids: row.configuration_ids,
            vin: row.vin,
            expires_at: new Date(Date.now() + PRE_AUTHORIZED_TOKEN_TTL_S * 1000),
          })
          .execute();
        return { accessToken };
      });
    if ('accessToken' in outcome)
      return { accessToken: outcome.accessToken, expiresIn: PRE_AUTHORIZED_TOKEN_TTL_S };
    throw issuanceError(outcome.refused, refusalDetail(outcome));
  }

  /** The grant behind a pre-authorized access token, if it is ours and unexpired. */
  async grantOf(accessToken: string): Promise<PreAuthorizedGrant | undefined> {
    const row = await tablesOf<IssuerTables>(this.db)
      .selectFrom('wallet.issuer_access_tokens')
      .select(['subject', 'configuration_ids', 'vin', 'expires_at'])
      .where('token_hash', '=', sha256(accessToken))
      .executeTakeFirst();
    if (!row || new Date(row.expires_at).getTime() <= Date.now()) return undefined;
    return { subject: row.subject, configurationIds: row.configuration_ids, vin: row.vin };
  }
}

type Redemption = { accessToken: string } | { refused: IssuanceCode; left?: number };

function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function refusalDetail(outcome: { refused: string; left?: number }): string {
  switch (outcome.refused) {
    case 'issuance-tx-code-wrong':
      return `The transaction code is wrong: ${outcome.left} attempts left.`;
    case 'issuance-offer-exhausted':
      return 'Too many wrong transaction codes: ask the desk for a new offer.';
    case 'issuance-code-expired':
      return 'The offer has expired: ask the desk for a new one.';
    default:
      return 'The pre-authorized code is unknown or already used.';
  }
}
