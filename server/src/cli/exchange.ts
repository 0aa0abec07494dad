import os from 'node:os';
import { Command } from 'commander';
import { openDatabase } from '../bootstrap.ts';
import { lockHolder } from '../db/index.ts';
import { AccessRights, accessRightView, parseSubsystemId } from '../exchange/index.ts';
import { AppError, loadConfig, type PurposePair, unknownCodeIn } from '../kernel/index.ts';

/** `civitas exchange rights list|grant|revoke`. */
export function exchangeCommand(): Command {
  const rights = new Command('rights').description(
    'access rights: who may call which service, for which purpose–legal basis pairs (every change audited)',
  );
  rights.addCommand(listCommand()).addCommand(grantCommand()).addCommand(revokeCommand());
  return new Command('exchange')
    .description('operate the register exchange on this database')
    .addCommand(rights);
}

function listCommand(): Command {
  return new Command('list')
    .description('list the access rights')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      await withExchangeDatabase(async (accessRights) => {
        const rows = await accessRights.list();
        if (options.json) {
          console.log(
            JSON.stringify(
              rows.map((row) => ({ ...accessRightView(row), grantedBy: row.granted_by })),
              null,
              2,
            ),
          );
          return;
        }
        for (const row of rows) {
          console.log(
            `${row.id}  ${row.client} -> ${row.service_id}${row.endpoint ? ` [${row.endpoint}]` : ''}`,
          );
          for (const pair of row.pairs) console.log(`    ${pair.purpose}  on  ${pair.legalBasis}`);
        }
      });
    });
}

function grantCommand(): Command {
  return new Command('grant')
    .description('grant a client subsystem (or group:CODE) access to a service')
    .requiredOption(
      '--client <id>',
      'client subsystem id, e.g. BG/GOV/177547175/civitas-portal, or group:CODE',
    )
    .requiredOption('--service <id>', 'service id, e.g. BG/GOV/000695235/vehicle-register/vehicles')
    .option('--endpoint <endpoint>', 'only this endpoint, e.g. "GET /{vin}"')
    .requiredOption(
      '--pair <purpose=CODE,basis=CODE>',
      'a purpose and the legal basis it is granted on, e.g. "purpose=address-verification,basis=civil-registration-act-art-106" (repeat for more pairs)',
      collectPair,
      [],
    )
    .action(async (options: { client: string; service: string; endpoint?: string; pair: PurposePair[] }) => {
      if (!options.client.startsWith('group:') && !parseSubsystemId(options.client)) {
        throw new AppError(
          'validation-failed',
          'The client must be a subsystem id INSTANCE/CLASS/MEMBER/SUBSYSTEM or group:CODE.',
        );
      }
      const unknown = options.pair.map(unknownCodeIn).find((problem) => problem !== null);
      if (unknown) throw new AppError('validation-failed', `${unknown} of the catalogue (docs/exchange.md).`);
      if (options.endpoint && !/^(GET|POST) \/\S*$/.test(options.endpoint)) {
        throw new AppError('validation-failed', 'The endpoint must look like "GET /{vin}".');
      }
      await withExchangeDatabase(async (accessRights) => {
        if (!(await accessRights.isRegisteredService(options.service)))
          throw new AppError('validation-failed', `No service ${options.service} is registered.`);
        const row = await accessRights.grant(
          {
            client: options.client,
            serviceId: options.service,
            endpoint: options.endpoint ?? null,
            pairs: options.pair,
          },
          `cli:${os.userInfo().username}`,
        );
        console.log(row.id);
      });
    });
}

function revokeCommand(): Command {
  return new Command('revoke')
    .description('revoke an access right by its id')
    .argument('<id>', 'the access right id (see "rights list")')
    .action(async (id: string) => {
      await withExchangeDatabase(async (accessRights) => {
        if (!(await accessRights.revoke(id, `cli:${os.userInfo().username}`))) {
          throw new AppError('route-not-found', `No access right ${id}.`);
        }
        console.log(`Revoked ${id}.`);
      });
    });
}

/** `purpose=CODE,basis=CODE` (or `legalBasis=CODE`), one pair of a repeated `--pair`. */
function collectPair(value: string, pairs: PurposePair[]): PurposePair[] {
  const fields = new Map(
    value.split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const purpose = fields.get('purpose');
  const legalBasis = fields.get('basis') ?? fields.get('legalBasis');
  if (!purpose || !legalBasis || fields.size !== 2) {
    throw new AppError(
      'validation-failed',
      `--pair takes "purpose=CODE,basis=CODE", not "${value}" (codes: docs/exchange.md).`,
    );
  }
  return [...pairs, { purpose, legalBasis }];
}

/** The exchange's tables, opened directly; the embedded database must not be in use by a server. */
async function withExchangeDatabase(work: (rights: AccessRights) => Promise<void>): Promise<void> {
  const config = loadConfig();
  if (!config.databaseUrl && lockHolder(config.dataDir) !== null) {
    throw new AppError(
      'validation-failed',
      'A running server holds the embedded database: use the admin API /api/exchange/access-rights, or stop it first.',
    );
  }
  const opened = await openDatabase(config);
  try {
    await work(new AccessRights(opened.database.db));
  } finally {
    await opened.close();
  }
}
