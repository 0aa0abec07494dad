import { Command } from 'commander';
import { issueDemoToken, loadOrCreateIdentityKeys } from '../identity/index.ts';
import { loadConfig } from '../kernel/index.ts';
import { loadInstance } from '../registers/index.ts';
import { fetchJson, refuseInProduction, withDatabaseOrServer } from './database-or-server.ts';

export function tokenCommand(): Command {
  return new Command('token')
    .description('print an access token for API scripting (demo only)')
    .requiredOption('--person <personalNumber>', 'the personal number (EGN) of a seeded person')
    .action(async (options: { person: string }) => {
      const config = loadConfig();
      refuseInProduction(config, 'token');
      const token = await withDatabaseOrServer(
        config,
        'person to make a token for',
        async (database, directory) => {
          const keys = await loadOrCreateIdentityKeys(database.db);
          const { personalNumbers } = loadInstance(config.instance);
          return issueDemoToken(database.db, keys, config, directory, personalNumbers, options.person);
        },
        async (baseUrl) =>
          (
            (await fetchJson(`${baseUrl}/api/demo/tokens`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ personalNumber: options.person }),
            })) as { accessToken: string }
          ).accessToken,
      );
      console.log(token);
    });
}
