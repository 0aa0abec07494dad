import http from 'node:http';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type ErrorFormat, errorFormatAt, useErrorFormatUnder } from './error-formats.ts';

const format = (name: string): ErrorFormat => ({
  contentType: `application/${name}`,
  render: (table, code) => ({ status: table[code]?.status ?? 500, body: name }),
});

describe('error formats by path', () => {
  it('applies a format at its prefix and under it, the longest prefix first, nowhere else', () => {
    const app = Fastify();
    const fhir = format('fhir');
    const r4 = format('r4');
    useErrorFormatUnder(app, '/fhir', fhir);
    useErrorFormatUnder(app, '/fhir/R4', r4);
    const at = (url: string | undefined) => errorFormatAt(app.server, url);
    expect([at('/fhir'), at('/fhir?x=1'), at('/fhir/R5/Patient')]).toEqual([fhir, fhir, fhir]);
    expect([at('/fhir/R4'), at('/fhir/R4/Patient/%ZZ'), at('/fhir/R4?_format=xml')]).toEqual([r4, r4, r4]);
    expect([at('/fhirx'), at('/api/fhir'), at('/'), at(''), at(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('keeps each server’s formats to itself, and the last format given for a prefix', () => {
    const one = Fastify();
    const other = Fastify();
    useErrorFormatUnder(one, '/fhir', format('old'));
    const current = format('new');
    useErrorFormatUnder(one, '/fhir', current);
    expect(errorFormatAt(one.server, '/fhir/R4')).toBe(current);
    expect(errorFormatAt(other.server, '/fhir/R4')).toBeUndefined();
    expect(errorFormatAt(http.createServer(), '/fhir/R4')).toBeUndefined();
  });
});
