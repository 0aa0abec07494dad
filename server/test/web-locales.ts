import fs from 'node:fs';
import path from 'node:path';

/**
 * The web app's texts, read as files: the server checks that every code it can answer or record
 * has words in every language the app speaks, without the web importing server code (or the
 * server importing the web). Every file in the folder is a language, as in the app itself.
 */
const LOCALES = path.resolve(import.meta.dirname, '../../web/src/shared/i18n/locales');

export type LocaleSection = Readonly<Record<string, unknown>>;

export function webLocales(): ReadonlyMap<string, LocaleSection> {
  const files = fs.readdirSync(LOCALES).filter((file) => file.endsWith('.json'));
  return new Map(
    files.map((file) => [
      path.basename(file, '.json'),
      JSON.parse(fs.readFileSync(path.join(LOCALES, file), 'utf8')) as LocaleSection,
    ]),
  );
}

/** The text at `section.key` in one language's resource, or undefined when there is none. */
export function webText(resource: LocaleSection, section: string, key: string): string | undefined {
  const texts = resource[section] as Readonly<Record<string, unknown>> | undefined;
  const text = texts && Object.hasOwn(texts, key) ? texts[key] : undefined;
  return typeof text === 'string' && text.trim() !== '' ? text : undefined;
}
