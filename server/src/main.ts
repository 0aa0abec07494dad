import { Command } from 'commander';
import { CommandError } from './cli/command-error.ts';
import { demoCommand } from './cli/demo.ts';
import { exchangeCommand } from './cli/exchange.ts';
import { logCommand } from './cli/log.ts';
import { migrateCommand } from './cli/migrate.ts';
import { nodeCommand } from './cli/node.ts';
import { seedCommand } from './cli/seed.ts';
import { serveCommand } from './cli/serve.ts';
import { tokenCommand } from './cli/token.ts';
import { walletCommand } from './cli/wallet.ts';
import { AppError, ConfigError } from './kernel/index.ts';

/** `civitas`: the platform's command line, one file per command in cli/. */
const program = new Command()
  .name('civitas')
  .description('Civitas e-government platform')
  .showHelpAfterError()
  .configureOutput({ outputError: (message, write) => write(message) })
  .addCommand(serveCommand(), { isDefault: true })
  .addCommand(seedCommand())
  .addCommand(demoCommand())
  .addCommand(tokenCommand())
  .addCommand(exchangeCommand())
  .addCommand(logCommand())
  .addCommand(migrateCommand())
  .addCommand(nodeCommand())
  .addCommand(walletCommand());
inheritSettings(program);

/** What `program.command()` would have copied into each subcommand: help after an error, output. */
function inheritSettings(parent: Command): void {
  for (const command of parent.commands) {
    command.copyInheritedSettings(parent);
    inheritSettings(command);
  }
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommandError) {
    console.error(`civitas: ${error.message}`);
    process.exit(error.exitStatus);
  }
  if (error instanceof ConfigError) {
    console.error(`civitas: configuration error: ${error.message}`);
    process.exit(78);
  }
  if (error instanceof AppError) {
    console.error(`civitas: ${error.code}: ${error.message}`);
    process.exit(2);
  }
  console.error(`civitas: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
