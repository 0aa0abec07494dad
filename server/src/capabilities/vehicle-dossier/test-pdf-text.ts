/**
 * Reading back what pdfkit wrote, for tests: the text drawn on the pages of a PDF, compressed or not
 * (decoded through each embedded font's ToUnicode map) and the bytes of an attached file.
 * Only pdfkit's own output layout is understood; this is not a general PDF parser.
 */
import { inflateSync } from 'node:zlib';

/** The objects of a PDF by number: their dictionary text and, if any, their stream bytes. */
function objects(pdf: Buffer): Map<string, { dictionary: string; stream: Buffer | null }> {
  const text = pdf.toString('latin1');
  const found = new Map<string, { dictionary: string; stream: Buffer | null }>();
  for (const match of text.matchAll(/(?:^|\n)(\d+) 0 obj\n/g)) {
    const start = match.index + match[0].length;
    const streamAt = text.indexOf('\nstream\n', start);
    const endAt = text.indexOf('\nendobj', start);
    const hasStream = streamAt !== -1 && streamAt < endAt;
    const dictionary = text.slice(start, hasStream ? streamAt : endAt);
    const length = Number(/\/Length (\d+)/.exec(dictionary)?.[1] ?? 0);
    const bytes = hasStream ? pdf.subarray(streamAt + 8, streamAt + 8 + length) : null;
    const stream = bytes && /\/Filter \/FlateDecode/.test(dictionary) ? inflateSync(bytes) : bytes;
    found.set(match[1]!, { dictionary, stream });
  }
  return found;
}

/** Code → text from a ToUnicode CMap written by pdfkit (bfrange lines with arrays). */
function toUnicodeMap(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const range of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    const first = Number.parseInt(range[1]!, 16);
    [...range[2]!.matchAll(/<([0-9a-f ]+)>/gi)].forEach((entry, i) => {
      const units = entry[1]!.split(' ').map((hex) => Number.parseInt(hex, 16));
      map.set(first + i, String.fromCharCode(...units));
    });
  }
  return map;
}

/**
 * The text shown by a pdfkit PDF, one line per text operation, read from its content streams (inflated
 * when the PDF is compressed, as a downloaded report is).
 */
export function pdfText(pdf: Buffer): string {
  const all = objects(pdf);
  const content = [...all.values()].map(({ stream }) => stream?.toString('latin1') ?? '').join('\n');
  const fonts = new Map<string, Map<number, string>>();
  const latin = pdf.toString('latin1');
  for (const [, name, id] of latin.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(all.get(id!)?.dictionary ?? '')?.[1];
    const cmap = toUnicode ? all.get(toUnicode)?.stream?.toString('latin1') : undefined;
    if (cmap) fonts.set(name!, toUnicodeMap(cmap));
  }
  const lines: string[] = [];
  let font = new Map<number, string>();
  for (const [, name, shown] of content.matchAll(/\/(F\d+) [\d.]+ Tf|\[([^\]]*)\] TJ/g)) {
    if (name) font = fonts.get(name) ?? new Map();
    else lines.push(decodeShown(shown!, font));
  }
  return lines.join('\n');
}

function decodeShown(operands: string, font: Map<number, string>): string {
  let text = '';
  for (const [, hex] of operands.matchAll(/<([0-9a-f]*)>/gi)) {
    for (let i = 0; i < hex!.length; i += 4)
      text += font.get(Number.parseInt(hex!.slice(i, i + 4), 16)) ?? '?';
  }
  return text;
}

/** The bytes of the file attached under `name`, or null. */
export function attachedFile(pdf: Buffer, name: string): Buffer | null {
  const all = objects(pdf);
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const { dictionary } of all.values()) {
    if (!/\/Type \/Filespec/.test(dictionary) || !new RegExp(`/F \\(${escaped}\\)`).test(dictionary))
      continue;
    const id = /\/EF <<\s*\/F (\d+) 0 R/.exec(dictionary)?.[1];
    return (id && all.get(id)?.stream) || null;
  }
  return null;
}
