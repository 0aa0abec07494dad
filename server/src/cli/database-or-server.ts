import { embeddedDatabaseExists, openDatabase } from '../bootstrap.ts';
import { lockHolder } from '../db/index.ts';
import { ExchangeClient, startLocalExchange } from '../exchange/index.ts';
import { exchangePersonDirectory, type PersonDirectory } from '../identity/index.ts';
import type { Config } from '../kernel/index.ts';
import { AppError } from '../kernel/index.ts';
import { platformServices } from '../platform-services.ts';
import { exchangeSetupOf, loadInstance } from '../registers/index.ts';
import { CommandError, NOTHING_HERE, TRY_AGAIN_LATER } from './command-error.ts';
import { findRunningServer } from './running-server.ts';

/**
 * The embedded database admits one process: while a server holds it, ask that server (it wrote
 * where it answers into the data directory). A data directory without a database is reported,
 * not silently created.
 */
export async function withDatabaseOrServer<T>(
  config: Config,
  wanted: string,
  direct: (
    database: Awaited<ReturnType<typeof openDatabase>>['database'],
    directory: PersonDirectory,
  ) => Promise<T>,
  viaServer: (baseUrl: string) => Promise<T>,
): Promise<T> {
  if (!config.databaseUrl) {
    const holder = lockHolder(config.dataDir);
    if (holder !== null) {
      const server = findRunningServer(config.dataDir);
      if (!server) {
        throw new CommandError(
          `The server (process ${holder}) on ${config.dataDir} is still starting: run this again once it prints "Civitas is ready".`,
          TRY_AGAIN_LATER,
        );
      }
      return viaServer(server.url);
    }
    if (!embeddedDatabaseExists(config)) {
      throw new CommandError(
        `There is no database in ${config.dataDir} yet, so no ${wanted}. Start the platform with \`npm start\` (it seeds the demo population on first start), or run \`npx civitas seed\`.`,
        NOTHING_HERE,
      );
    }
  }
  const opened = await openDatabase(config);
  // Even the command line reads the population register through the exchange.
  const instance = loadInstance(config.instance);
  const exchange = await startLocalExchange(opened.database.db, {
    ...exchangeSetupOf(instance, platformServices(opened.database.db)),
    address: 'https://node-1.invalid',
    report: (error) => console.error(error),
  });
  try {
    return await direct(
      opened.database,
      exchangePersonDirectory(new ExchangeClient(exchange, instance.clients.portal)),
    );
  } finally {
    await exchange.close();
    await opened.close();
  }
}

export async function fetchJson(url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new CommandError(
      `The server holding the database does not answer at ${new URL(url).origin}: is it stopping? Try again in a moment.`,
      TRY_AGAIN_LATER,
    );
  }
  const body = (await response.json()) as { code?: string; detail?: string };
  if (body.code === 'not-ready')
    throw new CommandError(body.detail ?? 'The server is starting.', TRY_AGAIN_LATER);
  if (!response.ok) throw new AppError((body.code ?? 'internal') as AppError['code'], body.detail);
  return body;
}

export function refuseInProduction(config: Config, command: string): void {
  if (config.production)
    throw new AppError(
      'demo-disabled',
      `'civitas ${command}' is a demo convenience, refused when CIVITAS_ENV=production.`,
    );
}
