import { Command } from 'commander';
import { listDemoAccounts } from '../identity/index.ts';
import { type Config, loadConfig } from '../kernel/index.ts';
import { CommandError, NOTHING_HERE } from './command-error.ts';
import { fetchJson, refuseInProduction, withDatabaseOrServer } from './database-or-server.ts';

type DemoAccount = Awaited<ReturnType<typeof listDemoAccounts>>[number];

export function demoCommand(): Command {
  return new Command('demo').description('demo helpers (not in production)').addCommand(
    new Command('accounts')
      .description('list the demo accounts, one per role')
      .option('--json', 'print JSON')
      .action(async (options: { json?: boolean }) => {
        const config = loadConfig();
        refuseInProduction(config, 'demo accounts');
        const accounts = (await withDatabaseOrServer(
          config,
          'demo accounts',
          async (database) => listDemoAccounts(database.db),
          async (baseUrl) => fetchJson(`${baseUrl}/api/demo/accounts`, { method: 'GET' }),
        )) as Awaited<ReturnType<typeof listDemoAccounts>>;
        if (accounts.length === 0) {
          throw new CommandError(
            `No demo accounts in ${config.databaseUrl ? 'the PostgreSQL database' : config.dataDir}: the demo population has not been seeded. Start the platform with \`npm start\` (it seeds on first start) or run \`npx civitas seed\`.`,
            NOTHING_HERE,
          );
        }
        if (options.json) console.log(JSON.stringify(accounts, null, 2));
        else printAccounts(accounts, config);
      }),
  );
}

export function accountLines(accounts: readonly DemoAccount[], config: Config): string[] {
  return [
    `\nDemo accounts (sign in with the personal number and PIN ${config.demoPin}):`,
    ...accounts.map(
      (account) =>
        `  ${account.role.padEnd(11)} ${account.personalNumber}  ${account.nameLatin}${account.organisation ? ` (${account.organisation})` : ''}`,
    ),
  ];
}

function printAccounts(accounts: readonly DemoAccount[], config: Config): void {
  console.log(accountLines(accounts, config).join('\n'));
}
