import { describe, expect, it } from 'vitest';
import { MAX_REPORT_FILE_BYTES, prepareReportUpload } from './report-upload.ts';

const bytes = (text: string) => new TextEncoder().encode(text) as Uint8Array<ArrayBuffer>;

describe('prepareReportUpload', () => {
  it('sends a PDF as application/pdf, byte for byte', () => {
    const pdf = bytes('%PDF-1.7\n%âãÏÓ\n1 0 obj');
    expect(prepareReportUpload(pdf, 'application/pdf', 'report.pdf')).toEqual({
      kind: 'pdf',
      contentType: 'application/pdf',
      body: pdf,
    });
  });

  it('recognises a PDF by its content even when its name and type say otherwise', () => {
    expect(prepareReportUpload(bytes('%PDF-1.4 …'), 'application/octet-stream', 'download').kind).toBe('pdf');
  });

  it('sends the signed JSON as application/json text, without a byte-order mark', () => {
    const json = '\uFEFF{"reference":"VR-1234-5678-9ABC","signature":"a..b"}';
    expect(prepareReportUpload(bytes(json), '', 'report.json')).toEqual({
      kind: 'json',
      contentType: 'application/json',
      body: json.slice(1),
    });
  });

  it('lets the server judge a damaged file that calls itself a PDF', () => {
    expect(prepareReportUpload(bytes('garbage'), 'application/pdf', 'x.bin').kind).toBe('pdf');
    expect(prepareReportUpload(bytes('garbage'), '', 'report.PDF').kind).toBe('pdf');
  });

  it('refuses files that are neither a PDF nor a JSON object', () => {
    expect(prepareReportUpload(bytes('hello'), 'text/plain', 'notes.txt').kind).toBe('not-a-report-file');
    expect(prepareReportUpload(bytes('[1,2]'), 'application/json', 'list.json').kind).toBe(
      'not-a-report-file',
    );
    expect(prepareReportUpload(bytes('{"broken":'), 'application/json', 'broken.json').kind).toBe(
      'not-a-report-file',
    );
  });

  it('refuses a file larger than the server accepts', () => {
    const large = new Uint8Array(MAX_REPORT_FILE_BYTES + 1);
    expect(prepareReportUpload(large, 'application/pdf', 'big.pdf').kind).toBe('too-large');
  });
});
