import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import {
  REPORT_REGISTERS,
  type ReportBody,
  type SignedReport,
} from '@civitas/contracts/api/vehicle-report.ts';
import { OFFENCES } from '@civitas/contracts/registers/fines.ts';
import { INSPECTION_RESULTS } from '@civitas/contracts/registers/inspections.ts';
import { BODY_TYPES, COLOURS, FUELS, VEHICLE_CATEGORIES } from '@civitas/contracts/registers/vehicles.ts';
import QRCode from 'qrcode';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Doc, documentFonts } from '../../documents/index.ts';
import { analyseOdometer } from './odometer.ts';
import { renderReportPdf } from './pdf.ts';
import { CODE_LABELS, PDF_LANGUAGES } from './pdf-code-labels.ts';
import { PDF_LABELS, type PdfLanguage } from './pdf-labels.ts';
import { drawQrCode } from './pdf-qr.ts';
import { generateReportKey, signReport, verifyReport } from './signing.ts';
import {
  manyReadings,
  ownerSections,
  partialReportBody,
  SAMPLE_REFERENCE,
  SAMPLE_TODAY,
  sampleReportBody,
} from './test-fixtures.ts';
import { attachedFile, pdfText } from './test-pdf-text.ts';

const run = promisify(execFile);
type Key = Awaited<ReturnType<typeof generateReportKey>>;
let key: Key;
const verifyUrl = `https://civitas.example.bg/verify/${SAMPLE_REFERENCE}`;

beforeAll(async () => {
  key = await generateReportKey();
});

const sign = (body: ReportBody) => signReport(body, key);
/** Renders uncompressed and returns the page text with spaces normalised. */
async function textOf(report: SignedReport, language: PdfLanguage = 'en'): Promise<string> {
  const pdf = await renderReportPdf(report, { verifyUrl, language, compress: false });
  return pdfText(pdf).replaceAll('\u00a0', ' ');
}
const pageCount = (pdf: Buffer) => pdf.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0;

describe('renderReportPdf', () => {
  it('writes a whole PDF with the reference in the text, the footer of every page and the metadata', async () => {
    const report = await sign(sampleReportBody());
    const pdf = await renderReportPdf(report, { verifyUrl, language: 'en', compress: false });
    const latin = pdf.toString('latin1');
    expect(latin.startsWith('%PDF-')).toBe(true);
    expect(latin.trimEnd().endsWith('%%EOF')).toBe(true);
    expect(latin).toContain('/MediaBox [0 0 595.28 841.89]');
    const text = pdfText(pdf);
    expect(text).toContain(SAMPLE_REFERENCE);
    const pages = pageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      expect(text).toContain(`Report ${SAMPLE_REFERENCE} · page ${page} of ${pages}`);
    }
    expect(latin).toMatch(/\/Producer (\d+) 0 R/);
    expect(latin).toContain('\n(Civitas)\n');
    expect(latin).toContain('\n(Civitas vehicle dossier)\n');
    expect(latin.match(/\n\(D:20261120093000Z\)\n/g)).toHaveLength(2);
    expect(latin).not.toMatch(/\(D:(?!20261120093000Z)\d{14}Z\)/);
  });

  it('embeds DejaVu Sans (regular and bold) and writes Bulgarian text in it', async () => {
    const report = await sign(sampleReportBody());
    const pdf = await renderReportPdf(report, { verifyUrl, language: 'bg', compress: false });
    const latin = pdf.toString('latin1');
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\n/);
    expect(latin).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\n/);
    expect(latin.match(/\/FontFile2/g)).toHaveLength(2);
    expect(latin).not.toContain('Helvetica');
    const text = pdfText(pdf).replaceAll('\u00a0', ' ');
    expect(text).toContain('Справка за история на превозно');
    expect(text).toContain('ГТП „Автотест“ – София (2201)');
    expect(text).toContain('158 350 км');
    expect(text).toContain(`Справка ${SAMPLE_REFERENCE} · страница 1 от`);
  });

  it('writes a whole report in Polish, naming every register code in Polish', async () => {
    const owner = sampleReportBody(ownerSections());
    const text = (await textOf(await sign(owner), 'pl')).replace(/\s+/g, ' ');
    for (const polish of [
      'Raport historii pojazdu',
      'Dane techniczne',
      'samochód osobowy (M1)',
      'hatchback',
      'olej napędowy',
      'szary',
      'Okresowe badania techniczne',
      'pozytywny',
      'Odczyty licznika są spójne.',
      'Przekroczenie dozwolonej prędkości o 11–20 km/h',
      'Nieprawidłowe parkowanie',
      'Rejestr pojazdów (Ministerstwo Spraw Wewnętrznych)',
      'Ważne ubezpieczenie dzisiaj',
      // Proper names transliterated for a Latin-script reader.
      'GTP „Avtotest“ – Sofia (2201)',
      'ZAD „Armeets“',
      'Stolichna',
      '158 350 km',
      '51,13 €',
      `Raport ${SAMPLE_REFERENCE} · strona 1 z`,
    ]) {
      expect(text).toContain(polish);
    }
    // No register code, English label or Bulgarian label leaks into the Polish text.
    for (const leftover of ['diesel', 'grey', 'speeding', 'improper-parking', 'vehicle-register', 'passed']) {
      expect(text).not.toContain(leftover);
    }
    expect(text).not.toMatch(/Report |Technical data|Справка|Технически данни|паркиране/);
    // The same text is read back from the compressed PDF a reader downloads.
    const compressed = await renderReportPdf(await sign(owner), { verifyUrl, language: 'pl' });
    expect(pdfText(compressed)).toContain('Raport historii pojazdu');
  });

  it('leaves out the English explanation of a missing register in Bulgarian and Polish', async () => {
    const partial = await sign(partialReportBody('insurance'));
    const polish = (await textOf(partial, 'pl')).replace(/\s+/g, ' ');
    expect(polish).toContain('Raport niepełny');
    expect(polish).toContain('• ubezpieczenia: Ośrodek informacji ubezpieczeniowej (Fundusz Gwarancyjny)');
    expect(polish).toContain('NIE ODPOWIEDZIAŁ');
    expect(polish).not.toContain('did not answer');
    expect(await textOf(partial, 'bg')).not.toContain('did not answer');
  });

  it('attaches the signed report as report.json, which verifies', async () => {
    const report = await sign(sampleReportBody(ownerSections()));
    const pdf = await renderReportPdf(report, { verifyUrl, language: 'bg' });
    const json = attachedFile(pdf, 'report.json');
    expect(json).not.toBeNull();
    const attached: unknown = JSON.parse(json!.toString('utf8'));
    expect(attached).toEqual(report);
    const keys = async (kid: string) => (kid === key.kid ? key.publicJwk : null);
    expect(await verifyReport(attached, keys)).toMatchObject({ valid: true });
  });

  it('links the QR code and the check line to the verification page', async () => {
    const report = await sign(sampleReportBody());
    const pdf = await renderReportPdf(report, { verifyUrl, language: 'en', compress: false });
    expect(pdfText(pdf)).toContain(`Check this report at ${verifyUrl}`);
    expect(pdf.toString('latin1')).toContain(`/URI (${verifyUrl})`);
  });

  it('puts a stolen vehicle in a banner at the top and in its section', async () => {
    const stolen = await textOf(
      await sign(sampleReportBody({ theft: { stolen: true, since: '2026-10-02' } })),
    );
    expect(stolen).toContain('REPORTED STOLEN since 2026-10-02');
    expect(stolen.indexOf('REPORTED STOLEN')).toBeLessThan(stolen.indexOf('Technical data'));
    expect(stolen).toContain('The vehicle is reported stolen and wanted by the police since 2026-10-02.');
    const clean = await textOf(await sign(sampleReportBody()));
    expect(clean).not.toContain('REPORTED STOLEN');
    expect(clean).toContain('The vehicle is not reported stolen or wanted.');
    const bg = await textOf(
      await sign(sampleReportBody({ theft: { stolen: true, since: '2026-10-02' } })),
      'bg',
    );
    expect(bg).toContain('ОБЯВЕНО ЗА ИЗДИРВАНЕ КАТО ОТКРАДНАТО от 02.10.2026');
  });

  it('warns that a partial report lacks the sources that did not answer, and says so in their sections', async () => {
    const text = await textOf(await sign(partialReportBody('insurance')));
    expect(text).toContain('Partial report');
    expect(text).toContain(
      '• insurance: Insurance information centre (Guarantee Fund) (the register did not answer within 5 s)',
    );
    expect(text.indexOf('Partial report')).toBeLessThan(text.indexOf('Technical data'));
    expect(text).toContain('Not available: the register did not answer.');
    expect(text.replace(/\s+/g, ' ')).toContain('DID NOT ANSWER: the register did not answer within 5 s');
    expect(await textOf(await sign(sampleReportBody()))).not.toContain('Partial report');
  });

  it('prints the current owner, fines and tax only when the report has them', async () => {
    const publicText = await textOf(await sign(sampleReportBody()));
    expect(publicText).not.toContain('Current owner');
    expect(publicText).not.toMatch(/^Fines$/m);
    expect(publicText).not.toMatch(/^Vehicle tax$/m);
    const ownerText = await textOf(await sign(sampleReportBody(ownerSections())));
    expect(ownerText).toMatch(/^Current owner$/m);
    expect(ownerText).toMatch(/^a person$/m);
    const company = sampleReportBody(ownerSections());
    company.registration!.currentOwner = { kind: 'company', id: '131468980', name: '„Спиди“ АД' };
    expect(await textOf(await sign(company))).toContain('„Спиди“ АД (131468980)');
    expect(ownerText).toMatch(/^Fines$/m);
    expect(ownerText).toContain('1 (€51.13)');
    expect(ownerText).toContain('Speeding by 11–20 km/h');
    expect(ownerText).toMatch(/^Vehicle tax$/m);
  });

  it('states the odometer verdict in words and lists the rollbacks', async () => {
    const readings = [
      { date: '2020-03-01', km: 100_000, source: 'inspections' },
      { date: '2021-03-01', km: 120_000, source: 'inspections' },
      { date: '2022-03-01', km: 70_000, source: 'inspections' },
    ];
    const text = await textOf(
      await sign(sampleReportBody({ odometer: analyseOdometer(readings, SAMPLE_TODAY) })),
    );
    expect(text).toContain('WARNING: the odometer has been rolled back');
    expect(text).toContain('120,000 km (2021-03-01)');
    expect(text).toContain('−50,000 km');
    expect(await textOf(await sign(sampleReportBody()))).toContain('The odometer readings are consistent.');
  });

  it('shows deregistration and scrapping from the registration status and timeline', async () => {
    const body = sampleReportBody();
    const registration = {
      ...body.registration!,
      status: 'scrapped' as const,
      plate: null,
      timeline: [
        ...body.registration!.timeline,
        { event: 'deregistration' as const, date: '2023-01-10', plate: null, ownerKind: 'person' as const },
        { event: 'deregistration' as const, date: '2025-06-30', plate: null, ownerKind: 'person' as const },
      ],
    };
    const text = await textOf(await sign({ ...body, registration }));
    expect(text).toContain('The vehicle was scrapped (deregistered on 2025-06-30).');
    expect(text).toContain('Earlier deregistrations: 2023-01-10.');
  });

  it('renders a 10,000-reading odometer series', async () => {
    const odometer = analyseOdometer(manyReadings(10_000), '2030-01-01');
    const report = await sign(sampleReportBody({ odometer }));
    const pdf = await renderReportPdf(report, { verifyUrl, language: 'bg' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeLessThan(1_000_000);
    expect(await textOf(report)).toContain('Number of readings\n10,000');
  });

  it('gives the same bytes for the same report, even with other renders in between', async () => {
    const report = await sign(sampleReportBody(ownerSections()));
    const first = await renderReportPdf(report, { verifyUrl, language: 'bg' });
    await renderReportPdf(await sign(partialReportBody('vehicle')), { verifyUrl, language: 'en' });
    const second = await renderReportPdf(structuredClone(report), { verifyUrl, language: 'bg' });
    expect(second.equals(first)).toBe(true);
    const english = await renderReportPdf(report, { verifyUrl, language: 'en' });
    expect(english.equals(first)).toBe(false);
  });

  it('gives the same bytes in another process', async () => {
    const report = await sign(sampleReportBody(ownerSections()));
    const here = createHash('sha256').update(await renderReportPdf(report, { verifyUrl, language: 'bg' }));
    const script = `
      import { createHash } from 'node:crypto';
      import { renderReportPdf } from ${JSON.stringify(new URL('./pdf.ts', import.meta.url).href)};
      const report = JSON.parse(process.argv[1]);
      const pdf = await renderReportPdf(report, { verifyUrl: ${JSON.stringify(verifyUrl)}, language: 'bg' });
      process.stdout.write(createHash('sha256').update(pdf).digest('hex'));`;
    const { stdout } = await run(process.execPath, [
      '--input-type=module',
      '-e',
      script,
      JSON.stringify(report),
    ]);
    expect(stdout).toBe(here.digest('hex'));
  });

  it('takes a fraction of a second for a typical report (printed, not asserted)', async () => {
    const report = await sign(sampleReportBody(ownerSections()));
    await renderReportPdf(report, { verifyUrl, language: 'bg' });
    const runs = 10;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await renderReportPdf(report, { verifyUrl, language: 'bg' });
    const each = (performance.now() - started) / runs;
    console.log(`renderReportPdf: ${each.toFixed(1)} ms per typical owner report (${runs} runs)`);
    expect(each).toBeGreaterThan(0);
  });
});

describe('drawQrCode', () => {
  it('draws exactly the dark modules of the QR code, inside the quiet zone', () => {
    const rects: [number, number, number, number][] = [];
    const doc = {
      save: () => doc,
      restore: () => doc,
      fillColor: () => doc,
      fill: () => doc,
      rect: (x: number, y: number, w: number, h: number) => {
        rects.push([x, y, w, h]);
        return doc;
      },
    };
    const url = 'https://civitas.example.bg/verify/VR-2HVS-8RAH-8JDM';
    const { modules } = QRCode.create(url, { errorCorrectionLevel: 'M' });
    const size = (modules.size + 8) * 3;
    drawQrCode(doc as unknown as Doc, url, 0, 0, size);
    const drawn = new Set<string>();
    for (const [x, y, w] of rects) {
      for (let col = x / 3 - 4; col < (x + w) / 3 - 4; col++) drawn.add(`${y / 3 - 4},${col}`);
    }
    const expected = new Set<string>();
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) if (modules.get(row, col)) expected.add(`${row},${col}`);
    }
    expect(drawn).toEqual(expected);
  });
});

describe('PDF labels', () => {
  it('write numbers, money and dates the way each language does', () => {
    const { bg, en, pl } = PDF_LABELS;
    expect(pl.formatNumber(1_234_567)).toBe('1\u00a0234\u00a0567');
    expect(pl.formatMoney(512_345)).toBe('5\u00a0123,45\u00a0€');
    expect(pl.formatDate('2026-03-07')).toBe('07.03.2026');
    expect(bg.formatNumber(1_234_567)).toBe('1\u00a0234\u00a0567');
    expect(en.formatNumber(1_234_567)).toBe('1,234,567');
    expect(bg.formatMoney(512_345)).toBe('5\u00a0123,45\u00a0€');
    expect(en.formatMoney(5)).toBe('€0.05');
    expect(bg.formatDate('2026-03-07')).toBe('07.03.2026');
    expect(bg.formatDateTime('2026-11-20T09:30:00.000Z')).toBe('20.11.2026 09:30 UTC');
    expect(en.formatDateTime('2026-11-20T11:30:00+02:00')).toBe('2026-11-20 09:30 UTC');
  });

  it('have the same keys in every language', () => {
    const shape = (value: unknown): unknown =>
      value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([name, item]) => [name, shape(item)]))
        : typeof value;
    expect(shape(PDF_LABELS.bg)).toEqual(shape(PDF_LABELS.en));
    expect(shape(PDF_LABELS.pl)).toEqual(shape(PDF_LABELS.en));
  });

  it.each(PDF_LANGUAGES)('name every register code in %s', (language) => {
    const labels = CODE_LABELS[language];
    const lists = {
      fuels: FUELS,
      bodies: BODY_TYPES,
      colours: COLOURS,
      categories: VEHICLE_CATEGORIES,
      offences: OFFENCES,
      inspectionResults: INSPECTION_RESULTS,
      registers: REPORT_REGISTERS,
    } as const;
    for (const [kind, codes] of Object.entries(lists) as [keyof typeof lists, readonly string[]][]) {
      const named = labels[kind] as Record<string, string>;
      expect({ kind, codes: Object.keys(named).sort() }).toEqual({ kind, codes: [...codes].sort() });
      for (const code of codes)
        expect({ kind, code, named: named[code]?.trim() !== '' }).toMatchObject({ named: true });
    }
  });

  it('are written only with characters the embedded fonts have, Polish letters included', () => {
    const texts: string[] = ['ąćęłńóśźżĄĆĘŁŃÓŚŹŻ'];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') texts.push(value);
      else if (typeof value === 'function') texts.push(String(value(...Array(4).fill('0'))));
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    for (const language of PDF_LANGUAGES) collect(PDF_LABELS[language]);
    const characters = new Set([...texts.join('')].filter((character) => character.trim() !== ''));
    const fonts = documentFonts();
    for (const font of [fonts.regular, fonts.bold]) {
      const missing = [...characters].filter(
        (character) => !font.hasGlyphForCodePoint(character.codePointAt(0)!),
      );
      expect(missing).toEqual([]);
    }
  });
});
