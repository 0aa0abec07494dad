import { readdirSync, readFileSync } from 'node:fs';
import { ServiceDeclaration } from '@civitas/contracts/eservices/declaration.ts';
import type { EndpointContract } from '@civitas/contracts/registers/contract.ts';
import { REGISTER_SERVICES } from '@civitas/contracts/registers/index.ts';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { ValidateFunction } from 'ajv';
import { isLegalBasis, isPurpose } from '../../../kernel/index.ts';
import { readsOf } from './eligibility.ts';
import { compileFormSchema } from './form-validator.ts';
import { parsePick } from './pick.ts';

/** A declaration as the platform runs it: checked, with its form's validator compiled. */
export interface LoadedService {
  declaration: ServiceDeclaration;
  validate: ValidateFunction;
  /** The register reads of its prefill and eligibility, each once (`persons.addresses` ...). */
  sources: ReadonlyMap<string, SourceRead>;
}

export interface SourceRead {
  /** `<register>.<endpoint>`, the key eligibility rules read it by. */
  key: string;
  endpoint: EndpointContract;
  params: Record<string, string>;
}

/** The catalogue's services by code. */
export type ServiceCatalogue = ReadonlyMap<string, LoadedService>;

/** Thrown at boot: the file and every reason it was refused. */
export class DeclarationError extends Error {
  constructor(file: string, reasons: readonly string[]) {
    super(`The service declaration ${file} is not valid:\n  - ${reasons.join('\n  - ')}`);
    this.name = 'DeclarationError';
  }
}

const checkShape = TypeCompiler.Compile(ServiceDeclaration);

/** The declarations in a folder (`<code>.json` each), every one checked; the first bad one fails the load. */
export function loadCatalogue(folder: URL | string): ServiceCatalogue {
  const dir = typeof folder === 'string' ? folder : folder.pathname;
  const services = new Map<string, LoadedService>();
  for (const file of readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()) {
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    const service = loadDeclaration(file, text);
    services.set(service.declaration.code, service);
  }
  return services;
}

/** One declaration file's text, checked against the schema and against what the platform has. */
export function loadDeclaration(file: string, text: string): LoadedService {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeclarationError(file, [`not JSON: ${(error as Error).message}`]);
  }
  if (!checkShape.Check(json)) {
    const reasons = [...checkShape.Errors(json)].slice(0, 10).map((e) => `${e.path || '/'}: ${e.message}`);
    throw new DeclarationError(file, reasons);
  }
  const declaration = json;
  const reasons: string[] = [];
  if (file !== `${declaration.code}.json`) reasons.push(`the file must be named ${declaration.code}.json`);
  if (!isPurpose(declaration.purpose)) reasons.push(`purpose "${declaration.purpose}" is not a purpose code`);
  if (!isLegalBasis(declaration.legalBasis))
    reasons.push(`legalBasis "${declaration.legalBasis}" is not a legal basis code`);
  let validate: ValidateFunction | null = null;
  try {
    validate = compileFormSchema(declaration.form.schema);
  } catch (error) {
    reasons.push(`form.schema: ${(error as Error).message}`);
  }
  const fields = fieldPaths(declaration.form.schema);
  for (const field of fields)
    if (!declaration.form.labels[field]) reasons.push(`form.labels has no label for the field ${field}`);
  const sources = new Map<string, SourceRead>();
  for (const [index, rule] of declaration.prefill.entries()) {
    if (!fields.includes(rule.field))
      reasons.push(`prefill[${index}].field ${rule.field} is not a form field`);
    try {
      parsePick(rule.source.pick);
    } catch (error) {
      reasons.push(`prefill[${index}].source.pick ${(error as Error).message}`);
    }
    const read = sourceRead(rule.source, fields);
    if (typeof read === 'string') reasons.push(`prefill[${index}].source: ${read}`);
    else {
      const known = sources.get(read.key);
      if (known && JSON.stringify(known.params) !== JSON.stringify(read.params))
        reasons.push(`prefill[${index}].source: ${read.key} is read with two different parameter sets`);
      sources.set(read.key, read);
    }
  }
  for (const [index, rule] of declaration.eligibility.entries()) {
    for (const name of readsOf(rule.rule))
      if (!sources.has(name))
        reasons.push(`eligibility[${index}] reads sources.${name}, which no prefill reads`);
  }
  const needsCounterparty = declaration.signers.includes('counterparty');
  if (needsCounterparty && !declaration.counterparty)
    reasons.push('signers names a counterparty: counterparty.field is required');
  if (declaration.counterparty && !fields.includes(declaration.counterparty.field))
    reasons.push(`counterparty.field ${declaration.counterparty.field} is not a form field`);
  const codes = declaration.attachments.map((attachment) => attachment.code);
  if (new Set(codes).size !== codes.length) reasons.push('attachments: two have the same code');
  if (reasons.length > 0 || !validate) throw new DeclarationError(file, reasons);
  return { declaration, validate, sources };
}

/** The leaf field paths of a form schema (`address.street` ...). */
export function fieldPaths(schema: unknown, prefix = ''): string[] {
  const properties = (schema as { properties?: Record<string, unknown> } | null)?.properties;
  if (!properties || typeof properties !== 'object') return prefix ? [prefix] : [];
  return Object.entries(properties).flatMap(([name, child]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const type = (child as { type?: unknown } | null)?.type;
    return type === 'object' ? fieldPaths(child, path) : [path];
  });
}

function sourceRead(
  source: { register: string; endpoint: string; params: Record<string, string> },
  fields: readonly string[],
): SourceRead | string {
  const contract = [...REGISTER_SERVICES.values()].find((service) => service.service === source.register);
  if (!contract) return `no register service "${source.register}"`;
  const endpoint = contract.endpoints[source.endpoint];
  if (!endpoint) return `the register ${source.register} has no endpoint "${source.endpoint}"`;
  const wanted = [...endpoint.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!).sort();
  const given = Object.keys(source.params).sort();
  if (JSON.stringify(wanted) !== JSON.stringify(given))
    return `${source.register}.${source.endpoint} takes the parameters ${wanted.join(', ')}`;
  for (const value of Object.values(source.params)) {
    if (value === '$applicant' || value === '$business') continue;
    if (value.startsWith('$form.') && fields.includes(value.slice(6))) continue;
    return `parameter value "${value}" is not $applicant, $business or $form.<a form field>`;
  }
  return { key: `${source.register}.${source.endpoint}`, endpoint, params: source.params };
}
