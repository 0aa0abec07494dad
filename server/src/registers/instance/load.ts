import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type PersonalNumberScheme, personalNumberScheme } from '@civitas/contracts/ids/personal-number.ts';
import { Value } from '@sinclair/typebox/value';
import type { Catalogue } from '../../exchange/index.ts';
import { ConfigError } from '../../kernel/index.ts';
import { type InstanceFile, InstanceFileSchema, type InstanceLocale, type PlatformClient } from './schema.ts';

/** One country's installation, as the platform's code uses it (see `schema.ts` for the file). */
export interface Instance {
  /** The exchange instance identifier, e.g. `BG`. */
  id: string;
  names: Readonly<Record<InstanceLocale, string>>;
  defaultLocale: InstanceLocale;
  personalNumbers: PersonalNumberScheme;
  catalogue: Catalogue;
  /** The register subsystems hosted. */
  registers: readonly string[];
  /** The platform's client subsystems, full ids (`BG/GOV/177547175/civitas-portal`). */
  clients: Readonly<Record<PlatformClient, string>>;
  /** Which client an administration's staff act through, by organisation name. */
  staffClients: ReadonlyMap<string, string>;
  /** The health record's subsystem and the healthcare providers' subsystems by organisation name (full ids). */
  healthcare: { record: string; providers: ReadonlyMap<string, string> };
}

/** The instances shipped with the code: `registers/instance/<name>/instance.json`. */
export const BUILT_IN_INSTANCES = ['bg', 'pl'] as const;

const HERE = path.dirname(fileURLToPath(import.meta.url));
const VARIABLE = 'CIVITAS_INSTANCE';

/**
 * The instance a name (`bg`, `pl`) or a JSON file path stands for, validated: a file that does
 * not fit the schema, or names a subsystem no member runs, stops the start with a message.
 */
export function loadInstance(source = 'bg'): Instance {
  const file = (BUILT_IN_INSTANCES as readonly string[]).includes(source)
    ? path.join(HERE, source, 'instance.json')
    : path.resolve(source);
  let data: unknown;
  try {
    data = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(VARIABLE, `cannot read the instance file ${file}: ${(error as Error).message}`);
  }
  return instanceFrom(data, file);
}

/** An instance from its file's content; `origin` names the file in errors. */
export function instanceFrom(data: unknown, origin = 'instance'): Instance {
  const firstError = Value.Errors(InstanceFileSchema, data).First();
  if (firstError) {
    throw new ConfigError(
      VARIABLE,
      `${origin}${firstError.path || '/'}: ${firstError.message} (got ${JSON.stringify(firstError.value)})`,
    );
  }
  const file = data as InstanceFile;
  const subsystems = subsystemsOf(file, origin);
  const clients = Object.fromEntries(
    Object.entries(file.clients).map(([role, local]) => {
      if (!subsystems.has(local)) fail(origin, `/clients/${role}: no member runs ${local}`);
      return [role, `${file.id}/${local}`];
    }),
  ) as Record<PlatformClient, string>;
  const runBy = new Set([...subsystems].map((local) => local.split('/')[2]));
  for (const register of file.registers) {
    if (!runBy.has(register)) fail(origin, `/registers: no member runs the register subsystem ${register}`);
  }
  return {
    id: file.id,
    names: file.names,
    defaultLocale: file.defaultLocale,
    personalNumbers: personalNumberScheme(file.personalNumberScheme),
    catalogue: { instance: file.id, members: file.members },
    registers: file.registers,
    clients,
    staffClients: new Map(
      Object.entries(file.staffClients).map(([organisation, role]) => [organisation, clients[role]]),
    ),
    healthcare: healthcareOf(file, subsystems, origin),
  };
}

/** The health record's and the healthcare providers' subsystems as full ids; one no member runs is refused. */
function healthcareOf(file: InstanceFile, subsystems: Set<string>, origin: string): Instance['healthcare'] {
  const full = (pointer: string, local: string) => {
    if (!subsystems.has(local)) fail(origin, `${pointer}: no member runs ${local}`);
    return `${file.id}/${local}`;
  };
  return {
    record: full('/healthcare/record', file.healthcare.record),
    providers: new Map(
      Object.entries(file.healthcare.providers).map(([organisation, local]) => [
        organisation,
        full(`/healthcare/providers/${organisation}`, local),
      ]),
    ),
  };
}

/** Every `CLASS/CODE/SUBSYSTEM` of the file; a member twice or a subsystem code run twice is refused. */
function subsystemsOf(file: InstanceFile, origin: string): Set<string> {
  const members = new Set<string>();
  const codes = new Set<string>();
  const subsystems = new Set<string>();
  for (const member of file.members) {
    const memberId = `${member.memberClass}/${member.memberCode}`;
    if (members.has(memberId)) fail(origin, `/members: ${memberId} is listed twice`);
    members.add(memberId);
    for (const subsystem of member.subsystems) {
      // A subsystem code names one member's system: clients ask for it by code alone.
      if (codes.has(subsystem.code)) fail(origin, `/members: the subsystem ${subsystem.code} is run twice`);
      codes.add(subsystem.code);
      subsystems.add(`${memberId}/${subsystem.code}`);
    }
  }
  return subsystems;
}

function fail(origin: string, message: string): never {
  throw new ConfigError(VARIABLE, `${origin}${message}`);
}
