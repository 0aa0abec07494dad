import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../../../test/databases.ts';
import type { DatabaseHandle } from '../../../db/index.ts';
import { tablesOf } from '../../../db/index.ts';
import { type CopyDetails, createStatusLists, type StatusListsService } from './service.ts';
import type { StatusTables } from './tables.ts';

const URL_BASE = 'https://civitas.example';
let serial = 0;

function copy(overrides: Partial<CopyDetails> = {}): CopyDetails {
  serial += 1;
  return {
    credentialId: `copy-${serial}`,
    format: 'dc+sd-jwt',
    subject: '8001010000',
    sources: [{ register: 'population-register', key: '8001010000' }],
    ...overrides,
  };
}

function listIdOf(uri: string): string {
  return uri.slice(`${URL_BASE}/wallet/status/`.length);
}

describe.each(testDatabases())('token status lists on $name', (engine) => {
  let database: DatabaseHandle;
  let lists: StatusListsService;

  beforeAll(async () => {
    database = await engine.open();
    lists = createStatusLists({ db: database.db, publicUrl: `${URL_BASE}/`, listSize: 1024 });
  });
  afterAll(async () => {
    await database?.close();
  });

  it('gives every copy its own index, also to issuers allocating at the same moment in their own transactions', async () => {
    const small = createStatusLists({ db: database.db, publicUrl: URL_BASE, listSize: 64 });
    const references = await Promise.all(
      Array.from({ length: 60 }, (_, n) =>
        database.db
          .transaction()
          .execute((tx) => small.allocate(tx, copy({ format: 'mso_mdoc', subject: `p${n}` }))),
      ),
    );
    const keys = references.map((reference) => `${reference.uri}#${reference.idx}`);
    expect(new Set(keys).size).toBe(60);
    for (const reference of references) {
      expect(reference.uri.startsWith(`${URL_BASE}/wallet/status/`)).toBe(true);
      expect(reference.idx).toBeGreaterThanOrEqual(0);
      expect(reference.idx).toBeLessThan(64);
    }
  });

  it('spreads indices unpredictably over the list: their order says nothing of the order of issuance', async () => {
    const indices: number[] = [];
    let uri = '';
    for (let n = 0; n < 40; n++) {
      const reference = await lists.allocate(database.db, copy());
      uri ||= reference.uri;
      if (reference.uri === uri) indices.push(reference.idx);
    }
    expect(indices.length).toBeGreaterThan(30);
    const ascending = indices.slice(1).filter((idx, n) => idx > indices[n]!).length;
    // Sequential allocation would make every step ascending; random ones go up about half the time.
    expect(ascending).toBeLessThan(indices.length * 0.8);
    expect(ascending).toBeGreaterThan(indices.length * 0.2);
    // Spread over the whole list, not packed at its start.
    expect(Math.max(...indices)).toBeGreaterThan(512);
  });

  it('opens a new list when one fills', async () => {
    const tiny = createStatusLists({ db: database.db, publicUrl: URL_BASE, listSize: 8 });
    const references = [];
    for (let n = 0; n < 24; n++)
      references.push(await tiny.allocate(database.db, copy({ format: 'mso_mdoc' })));
    const uris = new Set(references.map((reference) => reference.uri));
    expect(uris.size).toBeGreaterThanOrEqual(3);
    for (const uri of uris) {
      const taken = references.filter((reference) => reference.uri === uri).map((reference) => reference.idx);
      expect(new Set(taken).size).toBe(taken.length);
    }
  });

  it('refuses the same credential id twice, and writes nothing of a failed issuance', async () => {
    const first = copy();
    await lists.allocate(database.db, first);
    await expect(
      database.db.transaction().execute((tx) => lists.allocate(tx, { ...first, subject: 'someone-else' })),
    ).rejects.toThrow();
    const entries = await tablesOf<StatusTables>(database.db)
      .selectFrom('wallet.status_entries')
      .select('subject')
      .where('credential_id', '=', first.credentialId)
      .execute();
    expect(entries).toEqual([{ subject: '8001010000' }]);
  });

  it('revokes, suspends and restores the copies made from a register record, and moves the list version', async () => {
    const licence = { register: 'driving-licences', key: 'DL-1' };
    const a = await lists.allocate(database.db, copy({ subject: 'driver', sources: [licence] }));
    const b = await lists.allocate(
      database.db,
      copy({ subject: 'driver', sources: [{ register: 'driving-licences', key: 'DL-2' }] }),
    );
    const versionBefore = (await lists.list(listIdOf(a.uri)))!.version;
    expect(await lists.changeBySource(licence, 'suspend', 'licence-suspended')).toBe(1);
    expect((await lists.list(listIdOf(a.uri)))!.version).toBe(versionBefore + 1);
    let values = await lists.statusValues(listIdOf(a.uri));
    expect([values[a.idx], values[b.idx]]).toEqual([2, 0]);
    expect(await lists.changeBySource(licence, 'restore', 'licence-restored')).toBe(1);
    values = await lists.statusValues(listIdOf(a.uri));
    expect(values[a.idx]).toBe(0);
    expect(await lists.changeBySource(licence, 'revoke', 'licence-withdrawn')).toBe(1);
    // Revoked is final: a restore does not bring it back, a second revocation changes nothing.
    expect(await lists.changeBySource(licence, 'restore', 'licence-restored')).toBe(0);
    expect(await lists.changeBySource(licence, 'revoke', 'licence-withdrawn')).toBe(0);
    values = await lists.statusValues(listIdOf(a.uri));
    expect([values[a.idx], values[b.idx]]).toEqual([1, 0]);
  });

  it('revokes every copy a person holds, and lists them for that person only', async () => {
    await lists.allocate(
      database.db,
      copy({ subject: 'holder', configuration: 'pid-sd-jwt', expiresAt: new Date(Date.now() + 86_400_000) }),
    );
    await lists.allocate(database.db, copy({ subject: 'holder', format: 'mso_mdoc', configuration: 'mdl' }));
    await lists.allocate(database.db, copy({ subject: 'neighbour' }));
    expect(await lists.revokeBySubject('holder', 'holder-report')).toBe(2);
    expect(await lists.revokeBySubject('holder', 'holder-report')).toBe(0);
    const copies = await lists.copiesOf('holder');
    expect(copies.map((held) => [held.configuration, held.format, held.status]).sort()).toEqual([
      ['mdl', 'mso_mdoc', 'revoked'],
      ['pid-sd-jwt', 'dc+sd-jwt', 'revoked'],
    ]);
    expect((await lists.copiesOf('neighbour')).map((held) => held.status)).toEqual(['valid']);
  });

  it('marks copies past their expiry revoked in the daily sweep', async () => {
    const expired = await lists.allocate(
      database.db,
      copy({ subject: 'late', expiresAt: new Date(Date.now() - 1000) }),
    );
    const current = await lists.allocate(
      database.db,
      copy({ subject: 'late', expiresAt: new Date(Date.now() + 86_400_000) }),
    );
    expect(await lists.revokeExpired()).toBeGreaterThanOrEqual(1);
    const values = await lists.statusValues(listIdOf(expired.uri));
    expect(values[expired.idx]).toBe(1);
    expect(values[current.idx]).toBe(0);
  });
});
