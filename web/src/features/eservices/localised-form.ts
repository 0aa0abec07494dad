import type { PrefilledValue, StartSource } from '@civitas/contracts/api/eservices.ts';
import type { LocalText, ServiceDeclaration } from '@civitas/contracts/eservices/declaration.ts';

type Json = Record<string, unknown>;
export type Language = 'bg' | 'en' | 'pl';

export function textIn(text: LocalText | undefined, language: string): string | undefined {
  if (!text) return undefined;
  return text[(['bg', 'en', 'pl'].includes(language) ? language : 'en') as Language];
}

/**
 * The declaration's form in the reader's language, for @rjsf: each field's title is its label,
 * its help the declared help (or, for a value the registers filled in, which register it came
 * from), enum values get their labels, and a prefilled value that is not editable is read-only.
 */
export function localisedForm(
  declaration: ServiceDeclaration,
  language: string,
  prefill: readonly PrefilledValue[],
  sources: readonly StartSource[],
  fromText: (register: string) => string,
): { schema: Json; uiSchema: Json } {
  const { labels, help = {}, enumLabels = {} } = declaration.form;
  const schema = structuredClone(declaration.form.schema) as Json;
  const uiSchema = structuredClone(declaration.form.uiSchema) as Json;
  walk(schema, '', (node, path) => {
    const label = textIn(labels[path], language);
    if (label) node.title = label;
    const ui = uiAt(uiSchema, path);
    const helpText = textIn(help[path], language);
    if (helpText) ui['ui:help'] = helpText;
    const names = enumLabels[path];
    if (names && Array.isArray(node.enum))
      ui['ui:enumNames'] = (node.enum as unknown[]).map(
        (value) => textIn(names[String(value)], language) ?? String(value),
      );
  });
  for (const value of prefill) {
    const ui = uiAt(uiSchema, value.field);
    const source = sources.find((candidate) => candidate.key === value.source);
    const name = textIn(source?.name, language) ?? value.source;
    ui['ui:help'] = fromText(name);
    if (!value.editable) ui['ui:readonly'] = true;
  }
  return { schema, uiSchema };
}

function walk(node: Json, path: string, visit: (node: Json, path: string) => void): void {
  if (path) visit(node, path);
  const properties = node.properties as Record<string, Json> | undefined;
  if (!properties) return;
  for (const [name, child] of Object.entries(properties)) walk(child, path ? `${path}.${name}` : name, visit);
}

function uiAt(uiSchema: Json, path: string): Json {
  let node = uiSchema;
  for (const part of path.split('.')) {
    const next = node[part];
    if (next === null || typeof next !== 'object') node[part] = {};
    node = node[part] as Json;
  }
  return node;
}

/** A form error from the server (`{ field: 'a.b', keyword }`) as rjsf's error schema, beside its field. */
export function errorSchemaOf(errors: ReadonlyArray<{ field: string; message: string }>): Json {
  const schema: Json = {};
  for (const { field, message } of errors) {
    const node = uiAt(schema, field);
    node.__errors = [...((node.__errors as string[] | undefined) ?? []), message];
  }
  return schema;
}
