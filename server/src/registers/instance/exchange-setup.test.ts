import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExchangeServiceDefinition } from '../../exchange/service-definition.ts';
import { exchangeSetupOf, hostedServices } from './exchange-setup.ts';
import { instanceFrom, loadInstance } from './load.ts';

const definition = (subsystem: string, code: string): ExchangeServiceDefinition => ({
  subsystem,
  code,
  name: code,
  description: code,
  endpoints: [],
});

const PROVIDED = [
  definition('population-register', 'persons'),
  definition('vehicle-register', 'vehicles'),
  definition('land-register', 'parcels'),
];

describe("an instance's exchange", () => {
  it('hosts the register set of the instance, under its own member ids', () => {
    const plFile = JSON.parse(fs.readFileSync(new URL('./pl/instance.json', import.meta.url), 'utf8'));
    const narrow = instanceFrom({ ...plFile, registers: ['population-register', 'vehicle-register'] });
    const setup = exchangeSetupOf(narrow, PROVIDED);
    expect([...setup.services.keys()]).toEqual([
      'PL/GOV/100000001/population-register/persons',
      'PL/GOV/100000001/vehicle-register/vehicles',
    ]);
    expect(setup.catalogue.instance).toBe('PL');
    expect(setup.defaultClients.portal).toBe('PL/GOV/100000007/civitas-portal');
  });

  it('refuses to start an instance whose register set names a register the code does not provide', () => {
    expect(() => hostedServices(loadInstance('bg'), PROVIDED)).toThrow(/no register in the code provides/);
  });
});
