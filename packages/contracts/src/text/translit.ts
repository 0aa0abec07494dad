/**
 * Bulgarian → Latin transliteration as the Transliteration Act (Закон за транслитерацията, 2009) prescribes:
 * one fixed table, "ия" at the end of a word becomes "ia" (София → Sofia), and България stays Bulgaria.
 */
const TABLE: Readonly<Record<string, string>> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  е: 'e',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  ш: 'sh',
  щ: 'sht',
  ъ: 'a',
  ь: 'y',
  ю: 'yu',
  я: 'ya',
};

const CYRILLIC_WORD = /[\u0400-\u04FF]+/g;

// The law keeps the country's established Latin name (§ 6 of the Act).
const EXCEPTIONS: Readonly<Record<string, string>> = { българия: 'bulgaria' };

function applyCase(source: string, latin: string): string {
  if (source.length > 1 && source === source.toUpperCase()) return latin.toUpperCase();
  return source[0] === source[0]!.toUpperCase() ? latin.charAt(0).toUpperCase() + latin.slice(1) : latin;
}

function transliterateWord(word: string): string {
  const exception = EXCEPTIONS[word.toLowerCase()];
  if (exception) return applyCase(word, exception);
  const lower = word.toLowerCase();
  // A multi-letter capital (Ж → Zh or ZH) depends on whether the whole word is capitals.
  const allCaps = word.length > 1 && word === word.toUpperCase();
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const char = word[i]!;
    const small = lower[i]!;
    const isEndingIa = small === 'я' && i === word.length - 1 && i > 0 && lower[i - 1] === 'и';
    const latin = isEndingIa ? 'a' : (TABLE[small] ?? char);
    if (char === small) out += latin;
    else if (allCaps) out += latin.toUpperCase();
    else out += latin.charAt(0).toUpperCase() + latin.slice(1);
  }
  return out;
}

/** Transliterates every Cyrillic word; other characters pass unchanged. */
export function transliterate(text: string): string {
  return text.replace(CYRILLIC_WORD, transliterateWord);
}
