import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentFonts } from './pdf-fonts.ts';
import {
  banner,
  createDocument,
  footers,
  heading,
  keyValueLines,
  notice,
  paragraph,
  table,
  title,
} from './pdf-layout.ts';

/** Runs a poppler tool on the PDF and returns what it prints. */
function poppler(tool: 'pdfinfo' | 'pdftotext', pdf: Buffer, ...args: string[]): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'documents-pdf-'));
  const file = path.join(dir, 'out.pdf');
  fs.writeFileSync(file, pdf);
  try {
    return execFileSync(tool, [...args, file, ...(tool === 'pdftotext' ? ['-'] : [])], { encoding: 'utf8' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A document with every part of the layout, long enough for three pages. */
async function sample(): Promise<Buffer> {
  const { doc, bytes } = createDocument({
    title: 'Пробен документ',
    language: 'bg',
    created: new Date('2026-12-01T10:00:00Z'),
    creator: 'Civitas test',
    subject: 'layout',
  });
  title(doc, 'Пробен документ');
  keyValueLines(doc, [
    ['Име', 'Мария Петрова'],
    ['Left out', ''],
    ['Miasto', 'Łódź'],
  ]);
  notice(doc, 'Част от информацията не е показана.');
  banner(doc, 'Внимание', ['Първи ред', 'Втори ред'], 'danger');
  for (let section = 1; section <= 12; section++) {
    heading(doc, `Раздел ${section}`);
    table(
      doc,
      ['Наименование', 'Дата'],
      Array.from({ length: 6 }, (_, row) => [`Ред ${row + 1}`, '2026-12-01']),
      ['*', 80],
    );
  }
  paragraph(doc, 'Zażółć gęślą jaźń.');
  footers(doc, (page, pages) => `Страница ${page} от ${pages}`);
  doc.end();
  return bytes;
}

describe('the PDF layout', () => {
  it('has glyphs for every Bulgarian and Polish letter in both fonts', () => {
    const letters = [
      ...'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯабвгдежзийклмнопрстуфхцчшщъьюя',
      ...'ĄĆĘŁŃÓŚŹŻąćęłńóśźż„“€',
    ];
    const fonts = documentFonts();
    for (const font of [fonts.regular, fonts.bold])
      expect(letters.filter((letter) => !font.hasGlyphForCodePoint(letter.codePointAt(0)!))).toEqual([]);
  });

  it('writes A4 pages with the metadata, the text in both scripts and a footer on every page', async () => {
    const pdf = await sample();
    const info = poppler('pdfinfo', pdf);
    expect(info).toMatch(/Page size:\s+595\.\d* x 841\.\d* pts \(A4\)/);
    expect(info).toMatch(/Title:\s+Пробен документ/);
    expect(info).toMatch(/Subject:\s+layout/);
    expect(info).toMatch(/Creator:\s+Civitas test/);
    expect(info).toMatch(/Producer:\s+Civitas/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(2);
    const text = poppler('pdftotext', pdf, '-layout');
    for (const words of ['Мария Петрова', 'Łódź', 'Част от информацията не е показана.', 'Втори ред'])
      expect(text).toContain(words);
    expect(text).not.toContain('Left out');
    const perPage = text.split('\f');
    for (let page = 1; page <= pages; page++)
      expect(perPage[page - 1]).toContain(`Страница ${page} от ${pages}`);
  });

  it('keeps a heading on the page of its section: never the last line of a page', async () => {
    const text = poppler('pdftotext', await sample(), '-layout');
    for (const page of text.split('\f').filter((page) => page.trim())) {
      const lines = page.split('\n').filter((line) => line.trim());
      // The last line is the footer; the one before it is never a heading.
      expect(lines.at(-2)).not.toMatch(/Раздел \d+\s*$/);
    }
  });

  it('gives the same bytes for the same document', async () => {
    expect((await sample()).equals(await sample())).toBe(true);
  });
});
