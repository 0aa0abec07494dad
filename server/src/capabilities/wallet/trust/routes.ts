import crypto from 'node:crypto';
import { type TrustCertificate, WalletTrustList } from '@civitas/contracts/api/wallet-status.ts';
import type { FastifyInstance } from 'fastify';
import type { WalletCertificate, WalletTrustService } from './service.ts';
import { pemOf } from './x509.ts';

/** How long a verifier (or the offline verifier's cache) may keep the trust list without asking again. */
const TRUST_MAX_AGE_S = 300;

export interface TrustRoutesOptions {
  trust: WalletTrustService;
  /** The status lists' URIs, oldest first. */
  statusLists: () => Promise<string[]>;
}

function published(certificate: WalletCertificate): TrustCertificate {
  return {
    certificate: certificate.certificate,
    pem: pemOf(certificate.certificate),
    subject: certificate.subject,
    serial: certificate.serial,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
  };
}

/** The trust list a verifier needs: `GET /wallet/trust` (public, cacheable, with an ETag). */
export async function trustRoutes(
  app: FastifyInstance,
  { trust, statusLists }: TrustRoutesOptions,
): Promise<void> {
  app.get(
    '/wallet/trust',
    {
      config: { access: 'public' },
      schema: {
        tags: ['wallet'],
        summary:
          'The wallet trust list: national trust anchors, verifier access CA, issuer certificates (base64 DER and PEM), status list URIs',
        response: { 200: WalletTrustList, 304: { type: 'null', description: 'Not modified' } },
      },
    },
    async (request, reply) => {
      const [anchors, verifierAnchors, issuers, lists] = await Promise.all([
        trust.trustAnchorCertificates(),
        trust.verifierAnchorCertificates(),
        trust.issuerCertificates(),
        statusLists(),
      ]);
      const all = [...anchors, ...verifierAnchors, ...issuers];
      const updatedAt = new Date(Math.max(...all.map((certificate) => certificate.createdAt.getTime())));
      const body: WalletTrustList = {
        anchors: anchors.map(published),
        verifierAnchors: verifierAnchors.map(published),
        issuerCertificates: issuers.map(published),
        statusLists: lists,
        updatedAt: updatedAt.toISOString(),
      };
      const etag = `"${crypto.createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
      reply
        .header('cache-control', `public, max-age=${TRUST_MAX_AGE_S}`)
        .header('etag', etag)
        .header('access-control-allow-origin', '*');
      if (matches(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return body;
    },
  );
}

/** `If-None-Match`: `*` or a list of (weak or strong) entity tags (RFC 9110 §13.1.2). */
export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
}
