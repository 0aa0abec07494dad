import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/index.ts';
import { tablesOf } from '../../../db/index.ts';
import { createWalletTrust, type WalletTrustService } from './service.ts';
import type { TrustTables } from './tables.ts';
import { EC_KEY, EKU_MDL_DOCUMENT_SIGNER, ES256, fromBase64Der, x509 } from './x509.ts';

const DAY = 86_400_000;

/** Verifies `signature` over `data` with the leaf of `x5c`, and the leaf against the anchor at `at`. */
async function verifiesUnder(
  anchorDer: string,
  x5c: readonly string[],
  data: Uint8Array,
  signature: Uint8Array,
  at: Date,
) {
  const anchor = fromBase64Der(anchorDer);
  const leaf = fromBase64Der(x5c[0]!);
  const chained = await leaf.verify({ publicKey: anchor.publicKey, date: at });
  const key = await leaf.publicKey.export(EC_KEY, ['verify']);
  const signed = await crypto.subtle.verify(ES256, key, signature, data);
  return chained && signed && leaf.issuer === anchor.subject;
}

describe.each(testDatabases())('the wallet PKI on $name', (engine) => {
  let database: DatabaseHandle;
  let keyDir: string;
  let clock = new Date('2026-12-06T08:00:00Z');
  let trust: WalletTrustService;
  const data = new TextEncoder().encode('a credential');

  beforeAll(async () => {
    database = await engine.open();
    keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-wallet-keys-'));
    trust = createWalletTrust({ db: database.db, config: { keyDir, instance: 'bg' }, now: () => clock });
  });
  afterAll(async () => {
    await database?.close();
    if (keyDir) fs.rmSync(keyDir, { recursive: true, force: true });
  });

  it('makes a national trust anchor like an ISO 18013-5 IACA: a CA of pathLen 0 for keyCertSign, with the country and the organisation', async () => {
    // Two services starting at once on one database end up with one anchor.
    const twin = createWalletTrust({ db: database.db, config: { keyDir, instance: 'bg' } });
    const [[anchor], twins] = await Promise.all([trust.trustAnchors(), twin.trustAnchors()]);
    expect(twins).toEqual([anchor]);
    const certificate = fromBase64Der(anchor!);
    const constraints = certificate.getExtension(x509.BasicConstraintsExtension)!;
    expect(constraints.ca).toBe(true);
    expect(constraints.pathLength).toBe(0);
    expect(
      certificate.getExtension(x509.KeyUsagesExtension)!.usages & x509.KeyUsageFlags.keyCertSign,
    ).toBeTruthy();
    expect(certificate.subjectName.getField('C')).toEqual(['BG']);
    expect(certificate.subjectName.getField('O')).toEqual(['Министерство на електронното управление']);
    expect(await certificate.isSelfSigned()).toBe(true);
    // The same anchor every time, also for another instance of the service on the same database.
    const again = createWalletTrust({ db: database.db, config: { keyDir, instance: 'bg' } });
    expect(await again.trustAnchors()).toEqual([anchor]);
  });

  it('signs with an issuer document-signer certificate (end entity, digitalSignature, one year) chained to the anchor', async () => {
    const signer = await trust.issuerSigner();
    const certificate = fromBase64Der(signer.x5c[0]!);
    expect(signer.alg).toBe('ES256');
    expect(signer.x5c).toHaveLength(1);
    expect(certificate.getExtension(x509.BasicConstraintsExtension)!.ca).toBe(false);
    expect(certificate.getExtension(x509.KeyUsagesExtension)!.usages).toBe(
      x509.KeyUsageFlags.digitalSignature,
    );
    expect(certificate.getExtension(x509.ExtendedKeyUsageExtension)!.usages).toEqual([
      EKU_MDL_DOCUMENT_SIGNER,
    ]);
    expect(certificate.subjectName.getField('C')).toEqual(['BG']);
    const days = (certificate.notAfter.getTime() - clock.getTime()) / DAY;
    expect(days).toBeGreaterThan(364);
    expect(days).toBeLessThanOrEqual(365);
    const signature = await signer.sign(data);
    expect(signature).toHaveLength(64);
    expect(await verifiesUnder((await trust.trustAnchors())[0]!, signer.x5c, data, signature, clock)).toBe(
      true,
    );
    // The status lists have their own key under the same anchor.
    const status = await trust.statusListSigner();
    expect(status.x5c[0]).not.toBe(signer.x5c[0]);
    expect(
      await verifiesUnder((await trust.trustAnchors())[0]!, status.x5c, data, await status.sign(data), clock),
    ).toBe(true);
  });

  it('rotates the issuer key: new credentials are signed by the new key, those signed by the old one still verify', async () => {
    const anchorsBefore = await trust.trustAnchors();
    const old = await trust.issuerSigner();
    const oldSignature = await old.sign(data);
    const rotated = await trust.rotateIssuerKey();
    const current = await trust.issuerSigner();
    expect(current.x5c[0]).toBe(rotated.certificate);
    expect(current.x5c[0]).not.toBe(old.x5c[0]);
    expect(await trust.trustAnchors()).toEqual(anchorsBefore);
    clock = new Date(clock.getTime() + 100 * DAY);
    expect(await verifiesUnder(anchorsBefore[0]!, old.x5c, data, oldSignature, clock)).toBe(true);
    expect(await verifiesUnder(anchorsBefore[0]!, current.x5c, data, await current.sign(data), clock)).toBe(
      true,
    );
    // Both stay published until the old one expires.
    const published = (await trust.issuerCertificates()).map((certificate) => certificate.certificate);
    expect(published).toEqual(expect.arrayContaining([old.x5c[0], current.x5c[0]]));
  });

  it('replaces the issuer key by itself when it is older than the configured age', async () => {
    const aged = createWalletTrust({
      db: database.db,
      config: { keyDir, instance: 'bg' },
      issuerKeyMaxAgeDays: 30,
      now: () => clock,
    });
    const before = await aged.issuerSigner();
    clock = new Date(clock.getTime() + 31 * DAY);
    const later = createWalletTrust({
      db: database.db,
      config: { keyDir, instance: 'bg' },
      issuerKeyMaxAgeDays: 30,
      now: () => clock,
    });
    const after = await later.issuerSigner();
    expect(after.x5c[0]).not.toBe(before.x5c[0]);
    expect(await later.issuerSigner()).toBe(after);
  });

  it('picks up a key rotated by another process (the CLI) within seconds, never making a signing caller wait', async () => {
    const server = createWalletTrust({
      db: database.db,
      config: { keyDir, instance: 'bg' },
      now: () => clock,
    });
    const before = await server.issuerSigner();
    const rotated = await createWalletTrust({
      db: database.db,
      config: { keyDir, instance: 'bg' },
      now: () => clock,
    }).rotateIssuerKey();
    expect(await server.issuerSigner()).toBe(before);
    clock = new Date(clock.getTime() + 31_000);
    // Answered from memory at once; the newest is looked up behind it.
    expect(await server.issuerSigner()).toBe(before);
    let current = await server.issuerSigner();
    for (let n = 0; n < 50 && current.x5c[0] !== rotated.certificate; n++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      current = await server.issuerSigner();
    }
    expect(current.x5c[0]).toBe(rotated.certificate);
  });

  it('issues verifier access certificates with the DNS name as SAN under a separate root', async () => {
    const verifier = await trust.issueVerifierCertificate({
      name: 'Shop 24',
      organisation: 'Shop 24 Ltd',
      dnsName: 'Verifier.Shop24.example',
    });
    expect(verifier.clientId).toBe('x509_san_dns:verifier.shop24.example');
    const certificate = fromBase64Der(verifier.certificate.certificate);
    const san = certificate.getExtension(x509.SubjectAlternativeNameExtension)!;
    expect(san.names.items.map((name) => [name.type, name.value])).toEqual([
      ['dns', 'verifier.shop24.example'],
    ]);
    const [access] = await trust.verifierAnchors();
    expect(access).not.toBe((await trust.trustAnchors())[0]);
    expect(
      await verifiesUnder(access!, verifier.signer.x5c, data, await verifier.signer.sign(data), clock),
    ).toBe(true);
    // Not under the issuers' anchor: a verifier cannot pass for an issuer.
    expect(
      await fromBase64Der(verifier.signer.x5c[0]!).verify({
        publicKey: fromBase64Der((await trust.trustAnchors())[0]!).publicKey,
        signatureOnly: true,
      }),
    ).toBe(false);
    const found = await trust.verifierSigner('verifier.shop24.example');
    expect(found?.certificate.serial).toBe(verifier.certificate.serial);
    expect(await trust.verifierSigner('nobody.example')).toBeNull();
  });

  it('refuses a DNS name or a name that is not one', async () => {
    for (const dnsName of [
      '',
      'no_underscores.example',
      'a..b',
      'localhost',
      `${'x'.repeat(300)}.example`,
      'shop.example\u0000',
    ]) {
      await expect(
        trust.issueVerifierCertificate({ name: 'Shop', organisation: 'Shop', dnsName }),
      ).rejects.toThrow(/DNS name/);
    }
    await expect(
      trust.issueVerifierCertificate({ name: 'Shop\u0007', organisation: 'Shop', dnsName: 'shop.example' }),
    ).rejects.toThrow(/printable/);
  });

  it('keeps the private keys out of the database, in key files only their owner may read', async () => {
    const rows = await tablesOf<TrustTables>(database.db)
      .selectFrom('wallet.trust_certificates')
      .selectAll()
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(rows)).not.toMatch(/PRIVATE KEY/);
    for (const row of rows) {
      const file = path.join(keyDir, row.key_file);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/BEGIN PRIVATE KEY/);
      expect(fs.statSync(file).mode & 0o077).toBe(0);
    }
    // A node with the database but without the keys cannot sign as the wallet.
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-wallet-nokeys-'));
    const stranger = createWalletTrust({
      db: database.db,
      config: { keyDir: elsewhere, instance: 'bg' },
      now: () => clock,
    });
    await expect(stranger.trustAnchors()).rejects.toThrow(/not in/);
    fs.rmSync(elsewhere, { recursive: true, force: true });
  });
});
