import { transliterate } from '@civitas/contracts/text/translit.ts';
import { useLatinScript } from './use-latin-script.ts';

/**
 * A Bulgarian proper name from the registers (an insurer, an inspection station, a municipality):
 * as the register writes it for Bulgarian readers, transliterated (Transliteration Act) for readers
 * of a language written in Latin script. Never translated: it is a name.
 */
export function ProperName({ name }: { name: string }) {
  const latin = useLatinScript();
  return latin ? <span>{transliterate(name)}</span> : <span lang="bg">{name}</span>;
}
