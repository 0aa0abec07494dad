import { Command } from 'commander';
import { problemTable } from '../app.ts';
import { openDatabase } from '../bootstrap.ts';
import { startNodeProcess } from '../exchange/index.ts';
import {
  createAccessTokenVerifier,
  eidIssuer,
  loadOrCreateIdentityKeys,
  tokenAuthenticator,
} from '../identity/index.ts';
import { type Config, ConfigError, loadConfig } from '../kernel/index.ts';
import { exchangeSetupOf, loadInstance, registerServices } from '../registers/index.ts';
import { parseCount, parseMemberList, parseNodePort, parsePort } from './arguments.ts';

export function nodeCommand(): Command {
  return new Command('node')
    .summary('start a separate exchange node (X-Road security server) in its own process')
    .description('Start a separate exchange node (X-Road security server) in its own process.')
    .addHelpText(
      'after',
      `
The node registers its address https://<host>:<port> and the members it hosts with the central
registry, which issues its TLS certificate from the platform CA (a member is hosted by one node at
a time: the members named move here from the node that hosted them). It follows the signed global
configuration the registry publishes at <registry>/exchange/global-conf, answers other nodes on
POST /exchange/v1/messages over mutual TLS, and, with --client-port, serves its hosted clients'
information systems on plain HTTP: /r1/{instance}/{class}/{member}/{subsystem}/{service}[/path].

Needs DATABASE_URL: a PostgreSQL database shared with the central registry (civitas serve), from
which it reads its TLS certificate, its members' signing keys and the registry's anchor. The
embedded PGlite database cannot be shared between processes.

Example: the registry and the portal's node (civitas serve on :3000), then a node for the МВР
registers and the population register:
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/civitas civitas node --id node-b --port 8443 \\
    --client-port 8081 --members BG/GOV/000695235,BG/GOV/831661388`,
    )
    .requiredOption('--id <nodeId>', 'node id, e.g. node-b (letters, digits . _ -)')
    .requiredOption('--port <port>', 'port of the mutual-TLS listener for other nodes', parseNodePort)
    .option(
      '--members <memberIds>',
      'comma-separated member ids it hosts, e.g. BG/GOV/000695235 (default: those already registered for this node)',
      parseMemberList,
    )
    .option('--registry <url>', "the central registry's base URL", 'http://127.0.0.1:3000')
    .option('--client-port <port>', 'port of the HTTP interface for information systems (/r1/…)', parsePort)
    .option('--host <host>', 'address to listen on and to register (an IP address)', '127.0.0.1')
    .option(
      '--conf-refresh <seconds>',
      'how often to fetch the global configuration again (default: 60)',
      parseCount,
    )
    .action(async (options: NodeCommandOptions) => {
      const config = loadConfig();
      if (!config.databaseUrl) {
        throw new ConfigError(
          'DATABASE_URL',
          'civitas node needs a PostgreSQL database shared with the central registry (postgres://…). The embedded PGlite database cannot be shared between processes.',
        );
      }
      await runNode(config, options);
    });
}

interface NodeCommandOptions {
  id: string;
  port: number;
  members?: string[];
  registry: string;
  clientPort?: number;
  host: string;
  confRefresh?: number;
}

async function runNode(config: Config, options: NodeCommandOptions): Promise<void> {
  const opened = await openDatabase(config);
  let node: Awaited<ReturnType<typeof startNodeProcess>>;
  try {
    const keys = await loadOrCreateIdentityKeys(opened.database.db);
    const instance = loadInstance(config.instance);
    const { catalogue, services } = exchangeSetupOf(instance, registerServices(opened.database.db));
    node = await startNodeProcess(opened.database.db, {
      catalogue,
      services,
      nodeId: options.id,
      port: options.port,
      host: options.host,
      registryUrl: options.registry,
      ...(options.members && { members: options.members }),
      ...(options.confRefresh !== undefined && { confRefreshMs: options.confRefresh * 1000 }),
      ...(options.clientPort !== undefined && { clientPort: options.clientPort, clientHost: config.host }),
      limits: config,
      authenticate: tokenAuthenticator(
        createAccessTokenVerifier(keys, eidIssuer(config.publicUrl), {
          db: opened.database.db,
          publicUrl: config.publicUrl,
          acceptScriptingTokens: config.demo,
        }),
      ),
      changedBy: (request) => request.principal!.subject,
      problemTable,
      report: (error) => console.error('civitas node: fault:', error),
    });
  } catch (error) {
    await opened.close();
    throw error;
  }
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await node.close();
    await opened.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  const hosted = node.node.context.trust.hostedMembers();
  console.log(
    `Exchange node ${options.id} is listening at ${node.address} (mutual TLS), hosting ${hosted.join(', ')}.`,
  );
  if (node.clientApi) {
    console.log(`Information systems: http://${config.host}:${options.clientPort}/r1/…`);
  }
}
