import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../../identity/tokens.ts';
import { vehicleQueries } from '../../registers/index.ts';

interface Prefill {
  eligibility: { status: string; reasons: string[]; municipality: { bg: string; en: string } };
  vehicles: Array<{ vin: string; plate: string; make: string; model: string; taxPaid: boolean | null }>;
  fields: Array<{ name: string; value: string; source: string }>;
  sources: Array<{ key: string; status: string }>;
}

describe.each(testDatabases())(
  'the parking permit: eligibility and vehicles from the registers, on $name',
  (engine) => {
    let platform: TestPlatform;

    beforeAll(async () => {
      platform = await startTestPlatform(engine);
    });
    afterAll(() => platform?.close());

    async function prefillOf(egn: string): Promise<Prefill> {
      const token = await issueScriptingToken(platform.keys, eidIssuer(platform.config.publicUrl), egn, [
        'citizen',
      ]);
      const response = await platform.app.inject({
        method: 'GET',
        url: '/api/eservices/parking-permit/prefill',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.statusCode, response.body).toBe(200);
      return response.json() as Prefill;
    }

    /** A living adult with (or without) an address in Sofia and with (or without) a car on the road. */
    async function personWhere(inSofia: boolean, withCar: boolean): Promise<string> {
      const found = await sql<{ egn: string }>`
      SELECT p.egn FROM population.persons p
      WHERE NOT p.deceased AND p.birth_date <= '2000-01-01'
        AND ${inSofia ? sql`` : sql`NOT`} EXISTS (
          SELECT 1 FROM population.addresses a WHERE a.egn = p.egn AND a.municipality_name = 'Столична')
        AND ${withCar ? sql`` : sql`NOT`} EXISTS (
          SELECT 1 FROM vehicles.registrations r JOIN vehicles.vehicles v ON v.vin = r.vin
          WHERE r.owner_id = p.egn AND v.status = 'registered' AND NOT v.stolen
            AND r.seq = (SELECT max(seq) FROM vehicles.registrations l WHERE l.vin = r.vin))
      ORDER BY p.egn LIMIT 1`.execute(platform.database.db);
      const egn = found.rows[0]?.egn;
      if (!egn) throw new Error(`the test population has no person (Sofia: ${inSofia}, car: ${withCar})`);
      return egn;
    }

    it('offers a Sofia resident every car they own, each with its vehicle tax, and names the first in the form', async () => {
      const citizen = platform.seeded.demoPersons[0]!;
      const owned = await vehicleQueries(platform.database.db).byCurrentOwner(citizen);
      expect(owned.length).toBeGreaterThanOrEqual(2);
      const prefill = await prefillOf(citizen);
      expect(prefill.eligibility).toEqual({
        status: 'eligible',
        reasons: [],
        municipality: { bg: 'Столична община', en: 'Sofia Municipality', pl: 'Stołeczna Gmina Sofia' },
      });
      expect(prefill.vehicles.map((vehicle) => [vehicle.vin, vehicle.plate])).toEqual(
        owned.map((vehicle) => [vehicle.vin, vehicle.plate]),
      );
      for (const vehicle of prefill.vehicles) expect(typeof vehicle.taxPaid).toBe('boolean');
      expect(prefill.fields.find((field) => field.name === 'vehicleVin')?.value).toBe(owned[0]!.vin);
      expect(prefill.sources.every((source) => source.status === 'ok')).toBe(true);
    });

    it('tells a person living outside Sofia, or without a car, why they cannot apply', async () => {
      const cases: Array<[boolean, boolean, string[]]> = [
        [false, false, ['lives-elsewhere', 'no-vehicle']],
        [false, true, ['lives-elsewhere']],
        [true, false, ['no-vehicle']],
      ];
      for (const [inSofia, withCar, reasons] of cases) {
        const prefill = await prefillOf(await personWhere(inSofia, withCar));
        expect(prefill.eligibility.status).toBe('not-eligible');
        expect(prefill.eligibility.reasons).toEqual(reasons);
        expect(prefill.vehicles.length > 0).toBe(withCar);
      }
    });
  },
);
