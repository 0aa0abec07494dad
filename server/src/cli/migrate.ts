import { Command } from 'commander';
import { openDatabase } from '../bootstrap.ts';
import { loadConfig } from '../kernel/index.ts';

export function migrateCommand(): Command {
  return new Command('migrate')
    .description('bring the database schema up to date and exit')
    .action(async () => {
      const opened = await openDatabase(loadConfig());
      await opened.close();
      console.log('The database schema is up to date.');
    });
}
