import type { webcrypto } from 'node:crypto';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { SignPdf } from '@signpdf/signpdf';
import { Signer, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import { PDFDocument } from 'pdf-lib';
import { AppError } from '../kernel/index.ts';
import { pkijs, sha256 } from './x509.ts';

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
/** id-aa-signingCertificateV2 (RFC 5035): binds the signature to the signer's certificate. */
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
/** Room for the CMS in the PDF (hex doubles it): a P-256 chain of two certificates needs ~2 KB. */
const SIGNATURE_LENGTH = 8192;

/** Largest PDF the platform seals or validates. */
export const MAX_PDF_BYTES = 10 * 1024 * 1024;

/**
 * A detached CMS SignedData of PAdES baseline B-B (ETSI EN 319 142-1 §6.3): the content-type,
 * message-digest and signing-certificate-v2 signed attributes, no signing-time (the PDF's /M
 * says when), the chain in `certificates`. @signpdf's stock signer lacks signing-certificate-v2.
 */
export async function padesCms(
  content: Uint8Array,
  key: webcrypto.CryptoKey,
  chain: readonly string[],
): Promise<Uint8Array> {
  const certificates = chain.map((der) => pkijs.Certificate.fromBER(Buffer.from(der, 'base64')));
  const leaf = certificates[0]!;
  const leafHash = await sha256(Buffer.from(chain[0]!, 'base64'));
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      // hashAlgorithm is SHA-256 by default, and a DEFAULT value is left out in DER.
      new asn1js.OctetString({ valueHex: leafHash }),
      new asn1js.Sequence({
        value: [
          new pkijs.GeneralNames({
            names: [new pkijs.GeneralName({ type: 4, value: leaf.issuer })],
          }).toSchema(),
          leaf.serialNumber,
        ],
      }),
    ],
  });
  const signingCertificateV2 = new asn1js.Sequence({
    value: [new asn1js.Sequence({ value: [essCertIdV2] })],
  });
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    digestAlgorithms: [new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 })],
    certificates,
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
        digestAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({
              type: OID_CONTENT_TYPE,
              values: [new asn1js.ObjectIdentifier({ value: OID_DATA })],
            }),
            new pkijs.Attribute({
              type: OID_MESSAGE_DIGEST,
              values: [new asn1js.OctetString({ valueHex: await sha256(content) })],
            }),
            new pkijs.Attribute({ type: OID_SIGNING_CERTIFICATE_V2, values: [signingCertificateV2] }),
          ],
        }),
      }),
    ],
  });
  await signedData.sign(key, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID_SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/** The @signpdf signer that builds our CMS. */
class PadesSigner extends Signer {
  private readonly key: webcrypto.CryptoKey;
  private readonly chain: readonly string[];

  constructor(key: webcrypto.CryptoKey, chain: readonly string[]) {
    super();
    this.key = key;
    this.chain = chain;
  }

  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await padesCms(pdfBuffer, this.key, this.chain));
  }
}

/** Signs a PDF (PAdES B-B, ETSI.CAdES.detached) with a key held here: an administration's e-seal. */
export async function signPdf(
  pdf: Uint8Array,
  signer: { key: webcrypto.CryptoKey; chain: readonly string[]; name: string; location: string },
  reason: string,
  signedAt: Date,
): Promise<Uint8Array> {
  let prepared: Uint8Array;
  try {
    const document = await PDFDocument.load(pdf, { updateMetadata: false });
    pdflibAddPlaceholder({
      pdfDoc: document,
      reason,
      contactInfo: '',
      name: signer.name,
      location: signer.location,
      signingTime: signedAt,
      signatureLength: SIGNATURE_LENGTH,
      subFilter: SUBFILTER_ETSI_CADES_DETACHED,
      appName: 'Civitas',
    });
    prepared = await document.save({ useObjectStreams: false });
  } catch {
    // pdf-lib reads what it can of a broken file and fails later, at the page tree or on saving.
    throw new AppError('signing-document-malformed', 'The document is not a PDF that can be signed.');
  }
  const signed = await new SignPdf().sign(
    Buffer.from(prepared),
    new PadesSigner(signer.key, signer.chain),
    signedAt,
  );
  return new Uint8Array(signed);
}

/** What a PDF's last signature says, before any trust decision (the caller checks the certificate). */
export interface ParsedPades {
  /** The signer's certificate, DER. */
  leaf: Uint8Array;
  /** The PDF's /M of the signature dictionary (B-B has no signed signing time). */
  signedAt: Date;
}

function malformed(detail: string): AppError {
  return new AppError('signing-document-malformed', detail);
}

function invalid(detail: string): AppError {
  return new AppError('signature-invalid', detail);
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * Checks a PDF's last signature: its byte range covers the whole file but the signature itself
 * (nothing added after signing), its CMS's message digest is of those bytes, its signature is by
 * the certificate the signing-certificate-v2 attribute names.
 */
export async function verifyPdfSignature(pdf: Uint8Array): Promise<ParsedPades> {
  const bytes = Buffer.from(pdf);
  if (!bytes.subarray(0, 1024).includes('%PDF-')) throw malformed('The document is not a PDF.');
  const text = bytes.toString('latin1');
  const ranges = [...text.matchAll(BYTE_RANGE)];
  const last = ranges.at(-1);
  if (!last) throw invalid('The PDF carries no signature.');
  const [a, b, c, d] = last.slice(1, 5).map(Number) as [number, number, number, number];
  if (a !== 0 || b <= 0 || c <= b || c + d !== bytes.length) {
    throw invalid('The signature does not cover the whole PDF (it was changed after signing).');
  }
  const contents = text.slice(b, c);
  if (!/^<[0-9A-Fa-f]+>$/.test(contents)) throw invalid("The signature's contents are not hex.");
  const signedBytes = Buffer.concat([bytes.subarray(0, b), bytes.subarray(c, c + d)]);
  const der = Buffer.from(contents.slice(1, -1), 'hex');
  const asn1 = asn1js.fromBER(der);
  if (asn1.offset === -1) throw invalid('The signature is not DER.');
  let signedData: pkijs.SignedData;
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== OID_SIGNED_DATA) throw new Error('not SignedData');
    signedData = new pkijs.SignedData({ schema: info.content });
  } catch {
    throw invalid('The signature is not a CMS SignedData.');
  }
  // Detached: a CMS carrying content of its own would be checked against that, not the PDF.
  if (signedData.encapContentInfo.eContent)
    throw invalid('The signature carries content of its own (not detached).');
  const signer = signedData.signerInfos[0];
  if (signedData.signerInfos.length !== 1 || !signer?.signedAttrs)
    throw invalid('Expected one signer with signed attributes.');
  const attribute = (oid: string) => signer.signedAttrs!.attributes.find((entry) => entry.type === oid);
  const signingCertificate = attribute(OID_SIGNING_CERTIFICATE_V2);
  if (!signingCertificate) throw invalid('The signing-certificate-v2 attribute is missing (not PAdES).');
  let result: pkijs.SignedDataVerifyResult;
  try {
    result = (await signedData.verify({
      signer: 0,
      data: signedBytes.buffer.slice(signedBytes.byteOffset, signedBytes.byteOffset + signedBytes.byteLength),
      checkChain: false,
      extendedMode: true,
    })) as pkijs.SignedDataVerifyResult;
  } catch {
    throw invalid('The PDF was changed after it was signed, or the signature is broken.');
  }
  if (!result.signatureVerified || !result.signerCertificate)
    throw invalid('The PDF was changed after it was signed, or the signature is broken.');
  const leaf = new Uint8Array(result.signerCertificate.toSchema().toBER(false));
  // The certificate the signer committed to is the one that verifies (no substitution).
  const named = signingCertificate.values[0] as asn1js.Sequence;
  const firstId = (named.valueBlock.value[0] as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
  const hashNode = firstId.valueBlock.value.find((node) => node instanceof asn1js.OctetString) as
    | asn1js.OctetString
    | undefined;
  if (!hashNode || !Buffer.from(hashNode.valueBlock.valueHexView).equals(Buffer.from(await sha256(leaf)))) {
    throw invalid("The signing-certificate-v2 attribute does not name the signer's certificate.");
  }
  return { leaf, signedAt: signingTimeNear(text, b) };
}

/** The /M (D:YYYYMMDDHHmmSS…) of the signature dictionary whose /Contents starts at `contentsAt`. */
function signingTimeNear(text: string, contentsAt: number): Date {
  const start = text.lastIndexOf('obj', contentsAt);
  const end = text.indexOf('endobj', contentsAt);
  const dictionary = text.slice(Math.max(0, start), end === -1 ? undefined : end);
  const match = /\/M\s*\(D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(dictionary);
  if (!match) throw invalid('The signature dictionary says no signing time (/M).');
  const [, year, month, day, hour, minute, second] = match;
  return new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}Z`);
}
