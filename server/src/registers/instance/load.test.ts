import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EGN, PESEL } from '@civitas/contracts/ids/personal-number.ts';
import { describe, expect, it } from 'vitest';
import { serviceIdIn } from '../../exchange/catalogue.ts';
import { ConfigError, loadConfig } from '../../kernel/config.ts';
import { BUILT_IN_INSTANCES, instanceFrom, loadInstance } from './load.ts';

const bgFile = (): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(new URL('./bg/instance.json', import.meta.url), 'utf8'));

function refusal(data: unknown): ConfigError {
  try {
    instanceFrom(data, 'test.json');
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the instance was accepted');
}

describe('the instance configuration', () => {
  it('is Bulgaria unless CIVITAS_INSTANCE says otherwise', () => {
    expect(loadConfig({}).instance).toBe('bg');
    expect(loadConfig({ CIVITAS_INSTANCE: 'pl' }).instance).toBe('pl');
    expect(() => loadConfig({ CIVITAS_INSTANCE: 'Poland' })).toThrow(/CIVITAS_INSTANCE/);
  });

  it('gives Bulgaria the ids, scheme and language the platform has always had', () => {
    const bg = loadInstance('bg');
    expect(bg.id).toBe('BG');
    expect(bg.defaultLocale).toBe('bg');
    expect(bg.personalNumbers).toBe(EGN);
    expect(bg.clients).toEqual({
      portal: 'BG/GOV/177547175/civitas-portal',
      municipality: 'BG/GOV/000696327/municipal-administration',
      police: 'BG/GOV/000695235/sofia-police',
      supervision: 'BG/GOV/130961721/supervision',
      wallet: 'BG/GOV/177547175/civitas-wallet',
    });
    expect(serviceIdIn(bg.catalogue, 'vehicle-register', 'vehicles')).toBe(
      'BG/GOV/000695235/vehicle-register/vehicles',
    );
    expect(serviceIdIn(bg.catalogue, 'population-register', 'persons')).toBe(
      'BG/GOV/831661388/population-register/persons',
    );
    expect(bg.staffClients.get('Столична община')).toBe(bg.clients.municipality);
    expect(bg.staffClients.get('Столична дирекция на вътрешните работи')).toBe(bg.clients.police);
  });

  it('gives Poland its own instance id, PESEL, Polish and Polish administrations for the same registers', () => {
    const pl = loadInstance('pl');
    const bg = loadInstance('bg');
    expect(pl.id).toBe('PL');
    expect(pl.defaultLocale).toBe('pl');
    expect(pl.personalNumbers).toBe(PESEL);
    expect(pl.registers).toEqual(bg.registers);
    for (const client of Object.values(pl.clients)) expect(client).toMatch(/^PL\/GOV\/\d{9}\/[a-z-]+$/);
    expect(pl.clients.wallet).toBe('PL/GOV/100000007/civitas-wallet');
    expect(serviceIdIn(pl.catalogue, 'population-register', 'persons')).toMatch(
      /^PL\/GOV\/\d{9}\/population-register\/persons$/,
    );
    const names = pl.catalogue.members.map((member) => member.name);
    expect(names).toContain('Ministerstwo Cyfryzacji');
    expect(names.some((name) => /[а-я]/i.test(name))).toBe(false);
  });

  it('loads every built-in instance, and a file of one’s own by its path', () => {
    for (const name of BUILT_IN_INSTANCES) expect(loadInstance(name).id).toBe(name.toUpperCase());
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-instance-'));
    try {
      const file = path.join(dir, 'xx.json');
      fs.writeFileSync(file, JSON.stringify({ ...bgFile(), id: 'XX' }));
      expect(loadInstance(file).catalogue.instance).toBe('XX');
      expect(() => loadInstance(path.join(dir, 'missing.json'))).toThrow(/cannot read the instance file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a file that does not fit the schema, naming the place', () => {
    const error = refusal({ ...bgFile(), personalNumberScheme: 'ssn' });
    expect(error.variable).toBe('CIVITAS_INSTANCE');
    expect(error.message).toMatch(/test\.json\/personalNumberScheme/);
    expect(refusal({ ...bgFile(), extra: 1 }).message).toMatch(/test\.json/);
  });

  it('refuses clients and registers no member runs, and a subsystem run twice', () => {
    const file = bgFile();
    const clients = file.clients as Record<string, string>;
    expect(
      refusal({ ...file, clients: { ...clients, police: 'GOV/000695235/varna-police' } }).message,
    ).toMatch(/clients\/police: no member runs GOV\/000695235\/varna-police/);
    expect(refusal({ ...file, registers: ['population-register', 'land-register'] }).message).toMatch(
      /no member runs the register subsystem land-register/,
    );
    const members = file.members as Array<{ subsystems: Array<{ code: string; name: string }> }>;
    const twice = structuredClone(members);
    twice[1]!.subsystems.push({ code: 'population-register', name: 'again' });
    expect(refusal({ ...file, members: twice }).message).toMatch(/population-register is run twice/);
  });
});
