import { Command } from 'commander';
import { embeddedDatabaseExists, openDatabase } from '../bootstrap.ts';
import { createWalletTrust, type WalletTrustService } from '../capabilities/wallet/index.ts';
import { lockHolder } from '../db/index.ts';
import { loadConfig } from '../kernel/index.ts';
import { CommandError, NOTHING_HERE, TRY_AGAIN_LATER } from './command-error.ts';

/** `civitas wallet rotate-issuer-key`, `civitas wallet anchors`. */
export function walletCommand(): Command {
  return new Command('wallet')
    .description("the digital wallet's PKI: rotate the issuer's key, print the trust anchors")
    .addCommand(
      new Command('rotate-issuer-key')
        .description(
          'make a new issuer signing key and certificate now (credentials signed by the old key keep verifying until its certificate expires; the trust anchor does not change)',
        )
        .option('--json', 'print JSON')
        .action(async (options: { json?: boolean }) => {
          await withWalletTrust(async (trust) => {
            const previous = (await trust.issuerCertificates())[0];
            const made = await trust.rotateIssuerKey();
            const still = (await trust.issuerCertificates()).length;
            if (options.json) {
              console.log(
                JSON.stringify(
                  {
                    serial: made.serial,
                    subject: made.subject,
                    notAfter: made.notAfter,
                    previous: previous?.serial ?? null,
                    valid: still,
                  },
                  null,
                  2,
                ),
              );
              return;
            }
            console.log(
              `New issuer certificate ${made.serial} (${made.subject}), valid until ${made.notAfter.toISOString()}.`,
            );
            if (previous)
              console.log(
                `The previous one, ${previous.serial}, stays valid until ${previous.notAfter.toISOString()}: what it signed still verifies.`,
              );
            console.log(
              `A running server signs with the new key within 30 seconds; ${still} issuer certificate(s) are published at /wallet/trust.`,
            );
          });
        }),
    )
    .addCommand(
      new Command('anchors')
        .description('print the national wallet trust anchors (PEM), for a third-party verifier to configure')
        .action(async () => {
          await withWalletTrust(async (trust) => {
            for (const anchor of await trust.trustAnchorCertificates()) {
              const base64 = anchor.certificate.match(/.{1,64}/g)!.join('\n');
              console.log(
                `# ${anchor.subject}\n-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----`,
              );
            }
          });
        }),
    );
}

/**
 * The wallet's PKI on the database itself. The embedded database admits one process: while a
 * server holds it, stop it first (on PostgreSQL a running server picks the new key up by itself).
 */
async function withWalletTrust(work: (trust: WalletTrustService) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder !== null) {
      throw new CommandError(
        `The server (process ${holder}) holds the embedded database in ${config.dataDir}: stop it, run this again, then start it. (On PostgreSQL, DATABASE_URL, this works while the server runs.)`,
        TRY_AGAIN_LATER,
      );
    }
    if (!embeddedDatabaseExists(config)) {
      throw new CommandError(
        `There is no database in ${config.dataDir} yet. Start the platform with \`npm start\`, or set CIVITAS_DATA_DIR or DATABASE_URL.`,
        NOTHING_HERE,
      );
    }
  }
  const opened = await openDatabase(config);
  try {
    await work(createWalletTrust({ db: opened.database.db, config }));
  } finally {
    await opened.close();
  }
}
