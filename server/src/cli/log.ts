import { Command } from 'commander';
import { storedLogVerifierKey, verifyLog } from '../audit/index.ts';
import { embeddedDatabaseExists, openDatabase } from '../bootstrap.ts';
import type { DatabaseHandle } from '../db/index.ts';
import { lockHolder } from '../db/index.ts';
import { AppError, KeyStore, loadConfig } from '../kernel/index.ts';
import { parseCount } from './arguments.ts';
import { CommandError, NOTHING_HERE, TRY_AGAIN_LATER } from './command-error.ts';
import { findRunningServer } from './running-server.ts';

/** `civitas log verify`. */
export function logCommand(): Command {
  return new Command('log').description('the transparency log: verify it, sign a checkpoint').addCommand(
    new Command('verify')
      .description(
        'recompute the tree from the stored entries and check it against every stored hash, the tree head and every signed checkpoint; check consistency between checkpoints; name the first bad index',
      )
      .option('--from <size>', 'check consistency from the checkpoint of this size…', parseCount)
      .option('--to <size>', '…to the checkpoint of this size', parseCount)
      .option(
        '--key <vkey>',
        "the log's verifier key to trust (default: the key store's, CIVITAS_KEY_DIR; else the one stored beside the log)",
      )
      .option('--json', 'print JSON')
      .action(async (options: { from?: number; to?: number; key?: string; json?: boolean }) => {
        if ((options.from === undefined) !== (options.to === undefined)) {
          throw new AppError('validation-failed', 'Give both --from and --to, or neither.');
        }
        await withLogDatabase(async (db) => {
          // The key to trust: the one given, else the key store's (not the database's, which whoever
          // could rewrite the log could rewrite too), else the one stored beside the log.
          const vkey = options.key ?? storedLogVerifierKey(new KeyStore(loadConfig().keyDir));
          const report = await verifyLog(db, {
            ...(vkey ? { vkey } : {}),
            ...(options.from !== undefined && options.to !== undefined
              ? { from: options.from, to: options.to }
              : {}),
          });
          if (options.json) console.log(JSON.stringify(report, null, 2));
          else {
            for (const problem of report.problems) console.log(`BAD  ${problem.kind}: ${problem.detail}`);
            console.log(
              report.problems.length === 0
                ? `OK   ${report.size} entries recomputed; they match every stored hash and ${report.checkpoints} signed checkpoints, which are consistent.`
                : `FAILED: ${report.problems.length} problem(s)${report.firstBadIndex === null ? '' : `; first bad index: ${report.firstBadIndex}`}`,
            );
          }
          // Thrown, not process.exitCode: closing the embedded database resets the exit code.
          if (report.problems.length > 0) throw new Error('the transparency log did not verify');
        });
      }),
  );
}

/**
 * The transparency log, read straight from the database: what `log verify` checks must not come
 * through the server it checks. The embedded database is refused while a server holds it.
 */
async function withLogDatabase(work: (db: DatabaseHandle['db']) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder !== null) {
      const server = findRunningServer(config.dataDir);
      throw new CommandError(
        `The server (process ${holder}${server ? ` at ${server.url}` : ''}) holds the embedded database in ${config.dataDir}, and \`civitas log verify\` reads every entry from the database itself, not through the server it checks. Stop the server (Ctrl+C where it runs), run \`npx civitas log verify\`, then start it again.${server ? ` Meanwhile the log's latest signed checkpoint is at ${server.url}/log/checkpoint.` : ''}`,
        TRY_AGAIN_LATER,
      );
    }
    if (!embeddedDatabaseExists(config)) {
      throw new CommandError(
        `There is no database in ${config.dataDir} yet, so no transparency log to verify. Start the platform with \`npm start\`, or set CIVITAS_DATA_DIR or DATABASE_URL to the one to check.`,
        NOTHING_HERE,
      );
    }
  }
  const opened = await openDatabase(config);
  try {
    await work(opened.database.db);
  } finally {
    await opened.close();
  }
}
