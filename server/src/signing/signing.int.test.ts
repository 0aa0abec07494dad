import { execFileSync, spawnSync } from 'node:child_process';
import type { webcrypto } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { TEST_INSTANCE } from '../../test/instance.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { AppError } from '../kernel/index.ts';
import { jadesHeader, signJades } from './jades.ts';
import { createPlatformSigning } from './platform.ts';
import type { SigningService } from './service.ts';
import { base64UrlOf, EC_KEY, ES256, x509 } from './x509.ts';

const MUNICIPALITY = { id: 'municipal-administration', name: 'Столична община' };
const PERSON = { personalNumber: '7501010010', givenName: 'Иван', familyName: 'Петров' };
const OTHER = { personalNumber: '8001010021', givenName: 'Мария', familyName: 'Георгиева' };
const DAY = 86_400_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return 'accepted';
}

/** A citizen as their browser is: a P-256 key, and the certificate the CA issued for it. */
interface Citizen {
  key: webcrypto.CryptoKeyPair;
  chain: string[];
  serial: string;
}

async function citizen(
  service: SigningService,
  person: typeof PERSON,
  options: { validDays?: number; now?: Date } = {},
): Promise<Citizen> {
  const key = await crypto.subtle.generateKey(EC_KEY, false, ['sign', 'verify']);
  const publicKey = new x509.PublicKey(await crypto.subtle.exportKey('spki', key.publicKey));
  const row = await service.authority.certifyPerson(person, publicKey, options);
  const ca = await service.authority.authority();
  return { key, chain: [row.certificate, ...ca.chain], serial: row.serial };
}

async function samplePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  const page = document.addPage([595, 842]);
  page.drawText('Decision No 42: the resident parking permit is granted.', {
    x: 50,
    y: 780,
    size: 12,
    font: await document.embedFont(StandardFonts.Helvetica),
  });
  return document.save();
}

function tmpFile(dir: string, name: string, contents: Uint8Array | string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, contents);
  return file;
}

/** The PDF's detached CMS and the bytes it signs, as an external validator is given them. */
function cmsParts(pdf: Uint8Array): { cms: Buffer; content: Buffer } {
  const text = Buffer.from(pdf).toString('latin1');
  const match = [...text.matchAll(/\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g)].at(-1)!;
  const [a, b, c, d] = match.slice(1, 5).map(Number) as [number, number, number, number];
  const bytes = Buffer.from(pdf);
  // The placeholder is zero-padded: the CMS is as long as its DER header says (its last byte may be 0).
  const padded = Buffer.from(text.slice(b + 1, c - 1), 'hex');
  return {
    cms: padded.subarray(0, derLength(padded)),
    content: Buffer.concat([bytes.subarray(a, a + b), bytes.subarray(c, c + d)]),
  };
}

/** The length of the DER element at the start of `bytes`: its header and its stated content length. */
function derLength(bytes: Buffer): number {
  const first = bytes[1]!;
  if (first < 0x80) return 2 + first;
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i]!;
  return 2 + count + length;
}

function pdfsig(file: string): { output: string; status: number | null } {
  const run = spawnSync('pdfsig', [file], { encoding: 'utf8' });
  return { output: `${run.stdout}${run.stderr}`, status: run.status };
}

describe.each(testDatabases())('signing on $name', (engine) => {
  let database: DatabaseHandle;
  let keyDir: string;
  let work: string;
  let service: SigningService;
  let ivan: Citizen;
  const payload = { application: 'change-of-current-address', address: { street: 'ул. „Шипка“ 6' }, n: 1 };

  beforeAll(async () => {
    database = await engine.open();
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-signing-keys-'));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-signing-'));
    service = createPlatformSigning({
      db: database.db,
      keyDir,
      catalogue: TEST_INSTANCE.catalogue,
      portalClient: TEST_INSTANCE.clients.portal,
    });
    ivan = await citizen(service, PERSON);
  });
  afterAll(async () => {
    await database?.close();
    for (const dir of [keyDir, work]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("issues a citizen's certificate as ETSI EN 319 412 says: PNOBG-serialNumber, name from the register, nonRepudiation, two years", async () => {
    const leaf = new x509.X509Certificate(Buffer.from(ivan.chain[0]!, 'base64'));
    expect(leaf.subjectName.getField('2.5.4.5')).toEqual(['PNOBG-7501010010']);
    expect(leaf.subjectName.getField('CN')).toEqual(['Иван Петров']);
    expect(leaf.subjectName.getField('2.5.4.42')).toEqual(['Иван']);
    expect(leaf.subjectName.getField('2.5.4.4')).toEqual(['Петров']);
    const usage = leaf.getExtension(x509.KeyUsagesExtension)!;
    expect(usage.usages).toBe(x509.KeyUsageFlags.nonRepudiation);
    expect(usage.critical).toBe(true);
    const days = (leaf.notAfter.getTime() - leaf.notBefore.getTime()) / DAY;
    expect(days).toBeGreaterThan(729);
    expect(days).toBeLessThan(731);
    const ca = new x509.X509Certificate(Buffer.from(ivan.chain[1]!, 'base64'));
    expect(await leaf.verify({ publicKey: ca.publicKey, signatureOnly: true })).toBe(true);
    // The CA's key is in the key store, never in the database.
    expect(fs.readdirSync(keyDir).some((file) => file.startsWith('signing-ca-'))).toBe(true);
  });

  it("verifies a citizen's JAdES signature: by whom, when, what; and names the signer a caller expected", async () => {
    const jws = await signJades(payload, ivan.key.privateKey, ivan.chain, new Date());
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());
    expect(header).toMatchObject({ alg: 'ES256', typ: 'jose', cty: 'json', crit: ['sigT'] });
    const check = await service.verifyJades(jws, { expectedSigner: PERSON.personalNumber });
    expect(check).toMatchObject({
      valid: true,
      signer: { kind: 'person', subject: PERSON.personalNumber, name: 'Иван Петров' },
      signedAt: header.sigT,
      certificate: { serial: ivan.serial },
      payload,
    });
  });

  it("refuses a signature by another person's key when the applicant was expected (signature-signer-mismatch)", async () => {
    const maria = await citizen(service, OTHER);
    const jws = await signJades(payload, maria.key.privateKey, maria.chain, new Date());
    expect((await service.verifyJades(jws)).signer).toMatchObject({ subject: OTHER.personalNumber });
    expect(await codeOf(service.verifyJades(jws, { expectedSigner: PERSON.personalNumber }))).toBe(
      'signature-signer-mismatch',
    );
    // Nor does Maria's signature pass under Ivan's certificate.
    const header = base64UrlOf(Buffer.from(JSON.stringify(await jadesHeader(ivan.chain, new Date()))));
    const body = base64UrlOf(Buffer.from(JSON.stringify(payload, Object.keys(payload).sort())));
    const forged = await crypto.subtle.sign(ES256, maria.key.privateKey, Buffer.from(`${header}.${body}`));
    expect(await codeOf(service.verifyJades(`${header}.${body}.${base64UrlOf(forged)}`))).toBe(
      'signature-invalid',
    );
  });

  it('catches a tampered payload, a payload that is not canonical JSON, and an x5t#S256 of another certificate', async () => {
    const jws = await signJades(payload, ivan.key.privateKey, ivan.chain, new Date());
    const [h, , s] = jws.split('.');
    const tampered = base64UrlOf(
      Buffer.from(JSON.stringify({ ...payload, n: 2 }, Object.keys(payload).sort())),
    );
    expect(await codeOf(service.verifyJades(`${h}.${tampered}.${s}`))).toBe('signature-invalid');
    const spaced = base64UrlOf(Buffer.from(JSON.stringify(payload, null, 1)));
    expect(await codeOf(service.verifyJades(`${h}.${spaced}.${s}`))).toBe('signature-invalid');
    const header = {
      ...(await jadesHeader(ivan.chain, new Date())),
      'x5t#S256': base64UrlOf(new Uint8Array(32)),
    };
    const bad = base64UrlOf(Buffer.from(JSON.stringify(header)));
    expect(await codeOf(service.verifyJades(`${bad}.${jws.split('.')[1]}.${s}`))).toBe('signature-invalid');
    const noCrit = base64UrlOf(Buffer.from(JSON.stringify({ ...header, crit: ['sigT', 'b64'] })));
    expect(await codeOf(service.verifyJades(`${noCrit}.${jws.split('.')[1]}.${s}`))).toBe(
      'signature-invalid',
    );
  });

  it('refuses a certificate not from our CA, even one with the same names', async () => {
    const foreignDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-foreign-'));
    const otherDb = await engine.open();
    try {
      const foreign = createPlatformSigning({
        db: otherDb.db,
        keyDir: foreignDir,
        catalogue: TEST_INSTANCE.catalogue,
        portalClient: TEST_INSTANCE.clients.portal,
      });
      const impostor = await citizen(foreign, PERSON);
      const jws = await signJades(payload, impostor.key.privateKey, impostor.chain, new Date());
      expect(await codeOf(foreign.verifyJades(jws))).toBe('accepted');
      expect(await codeOf(service.verifyJades(jws))).toBe('signature-certificate-untrusted');
    } finally {
      await otherDb.close();
      fs.rmSync(foreignDir, { recursive: true, force: true });
    }
  });

  it('refuses a signature made after the certificate expired, and one by a revoked certificate', async () => {
    const old = await citizen(service, PERSON, { validDays: 1, now: new Date(Date.now() - 3 * DAY) });
    const late = await signJades(payload, old.key.privateKey, old.chain, new Date());
    expect(await codeOf(service.verifyJades(late))).toBe('signature-certificate-untrusted');
    // Backdating sigT into the validity does not help a B-level signature either: it was valid then.
    const revoked = await citizen(service, PERSON);
    const jws = await signJades(payload, revoked.key.privateKey, revoked.chain, new Date());
    expect(await codeOf(service.verifyJades(jws))).toBe('accepted');
    expect(await service.authority.revoke(revoked.serial)).toBe(true);
    expect(await codeOf(service.verifyJades(jws))).toBe('signature-certificate-revoked');
  });

  it('seals JSON with the administration’s e-seal (organizationIdentifier NTRBG-<EIK>)', async () => {
    const jws = await service.sealJades({ decision: 'approved' }, MUNICIPALITY);
    const check = await service.verifyJades(jws);
    expect(check.signer).toEqual({ kind: 'seal', administration: MUNICIPALITY.id, name: MUNICIPALITY.name });
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString());
    const leaf = new x509.X509Certificate(Buffer.from(header.x5c[0], 'base64'));
    expect(leaf.subjectName.getField('2.5.4.97')).toEqual(['NTRBG-000696327']);
    expect(leaf.subjectName.getField('O')).toEqual([MUNICIPALITY.name]);
    // A seal is not a person: a caller expecting the applicant's signature refuses it.
    expect(await codeOf(service.verifyJades(jws, { expectedSigner: PERSON.personalNumber }))).toBe(
      'signature-signer-mismatch',
    );
    expect(await codeOf(service.sealJades({}, { id: 'no-such-office', name: 'x' }))).toBe(
      'signing-administration-unknown',
    );
  });

  it('seals a PDF (PAdES B-B) that pdfsig and openssl cms accept, and all three catch one changed byte', async () => {
    const sealed = await service.sealPdf(await samplePdf(), MUNICIPALITY, 'Decision on application 42');
    const file = tmpFile(work, 'sealed.pdf', sealed);
    const report = pdfsig(file);
    expect(report.output).toContain('Signature is Valid');
    expect(report.output).toContain(`Signer Certificate Common Name: ${MUNICIPALITY.name}`);
    expect(report.output).toContain('ETSI.CAdES.detached');

    const { cms, content } = cmsParts(sealed);
    const caFile = tmpFile(
      work,
      'ca.pem',
      new x509.X509Certificate(
        Buffer.from((await service.authority.authority()).chain[0]!, 'base64'),
      ).toString('pem'),
    );
    const cmsFile = tmpFile(work, 'sig.der', cms);
    const openssl = (contentFile: string) =>
      spawnSync(
        'openssl',
        [
          'cms',
          '-verify',
          '-binary',
          '-inform',
          'DER',
          '-in',
          cmsFile,
          '-content',
          contentFile,
          '-CAfile',
          caFile,
          '-out',
          '/dev/null',
        ],
        { encoding: 'utf8' },
      );
    const accepted = openssl(tmpFile(work, 'content.bin', content));
    expect(accepted.stderr).toContain('Verification successful');
    // The CMS carries the signing-certificate-v2 attribute (what makes it PAdES, not adbe.pkcs7).
    const printed = execFileSync('openssl', ['cms', '-cmsout', '-print', '-inform', 'DER', '-in', cmsFile], {
      encoding: 'utf8',
    });
    expect(printed).toContain('id-smime-aa-signingCertificateV2');

    const check = await service.verifyPdf(sealed);
    expect(check.signer).toEqual({ kind: 'seal', administration: MUNICIPALITY.id, name: MUNICIPALITY.name });

    // One changed byte of the signed part (the page's text is compressed: change the stated reason).
    const at = Buffer.from(sealed).indexOf('application 42');
    expect(at).toBeGreaterThan(0);
    const changed = Uint8Array.from(sealed);
    changed[at + 12] = '7'.charCodeAt(0);
    expect(pdfsig(tmpFile(work, 'changed.pdf', changed)).output).not.toContain('Signature is Valid');
    expect(openssl(tmpFile(work, 'changed.bin', cmsParts(changed).content)).status).not.toBe(0);
    expect(await codeOf(service.verifyPdf(changed))).toBe('signature-invalid');
  });

  it('refuses a PDF that is not one, and a PDF with nothing signed', async () => {
    expect(await codeOf(service.verifyPdf(new TextEncoder().encode('not a pdf at all')))).toBe(
      'signing-document-malformed',
    );
    expect(await codeOf(service.verifyPdf(await samplePdf()))).toBe('signature-invalid');
    expect(
      await codeOf(service.sealPdf(new TextEncoder().encode('%PDF-1.7 broken'), MUNICIPALITY, 'x')),
    ).toBe('signing-document-malformed');
  });

  it('accepts no JWS with any character changed (fast-check)', async () => {
    const jws = await signJades(payload, ivan.key.privateKey, ivan.chain, new Date());
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ';
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: jws.length - 1 }),
        fc.constantFrom(...alphabet),
        async (index, character) => {
          fc.pre(jws[index] !== character);
          const mutated = `${jws.slice(0, index)}${character}${jws.slice(index + 1)}`;
          const code = await codeOf(service.verifyJades(mutated));
          expect(['signature-invalid', 'signature-certificate-untrusted']).toContain(code);
        },
      ),
      { numRuns: 150 },
    );
  });
});
