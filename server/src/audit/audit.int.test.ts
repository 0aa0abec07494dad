import {
  type AccessEntry,
  decodeEntry,
  encodeEntry,
  subjectCommitment,
} from '@civitas/contracts/log/access-entry.ts';
import {
  cosignatureVerifier,
  decodeEntryBundle,
  entriesPath,
  equalBytes,
  formatCheckpoint,
  fromBase64,
  generateSigningKey,
  leafHash,
  nodeHash,
  noteSigner,
  noteVerifier,
  openNote,
  parseCheckpoint,
  rootHash,
  signNote,
  tilePath,
  toBase64,
  verifyConsistency,
  verifyInclusion,
} from '@civitas/tlog';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { PORTAL_CLIENT, serviceId } from '../../test/instance.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { tablesOf } from '../db/connection.ts';
import { ExchangeClient } from '../exchange/client.ts';
import { exchangeLogs } from '../exchange/index.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';
import { KeyStore } from '../kernel/key-store.ts';
import { RECORD_COLUMNS, recordHash } from './feed.ts';
import { FeedThread } from './feed-thread.ts';
import { keyFileOf, type NoteKey } from './log/keys.ts';
import { verifyLog } from './log/verify.ts';
import type { AuditTables } from './tables.ts';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

interface UsageItem {
  id: string;
  logIndex: number;
  logTime: string;
  purpose: string;
  legalBasis: string;
  self: boolean;
  initiatorPerson: string | null;
  initiatorOrg: { id: string; name: string };
  receiver: { service: string; name: string };
  dataCategories: string[];
  queryId: string;
  hiddenUntil: string | null;
  hiddenReason: string | null;
  entry: string;
  nonce: string;
}

describe.each(testDatabases())('the transparency log and data tracker on $name', (engine) => {
  let platform: TestPlatform;
  let citizen: string;
  let official: string;
  let police: string;
  let auditor: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    platform = await startTestPlatform(engine);
    const demo = platform.seeded.demoPersons;
    [citizen, official] = demo as [string, string];
    police = demo[4]!;
    auditor = demo[5]!;
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.citizen = await issueScriptingToken(platform.keys, issuer, citizen, ['citizen']);
    tokens.official = await issueScriptingToken(platform.keys, issuer, official, ['citizen', 'official']);
    tokens.police = await issueScriptingToken(platform.keys, issuer, police, ['citizen', 'police']);
    tokens.auditor = await issueScriptingToken(platform.keys, issuer, auditor, ['citizen', 'auditor']);
  });
  afterAll(() => platform?.close());

  async function request(method: 'GET' | 'POST', url: string, as?: string, payload?: unknown, headers = {}) {
    const response = await platform.app.inject({
      method,
      url,
      headers: { ...(as ? { authorization: `Bearer ${tokens[as]}` } : {}), ...headers },
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { payload }
          : { payload: payload as object }),
    });
    expect(response.body).not.toMatch(STACK_TRACE);
    return response;
  }

  function expectProblem(
    response: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
    status: number,
    code: string,
  ) {
    expect(response.statusCode).toBe(status);
    expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status, code });
  }

  async function checkpointNow(): Promise<{ note: string; size: number; root: Uint8Array }> {
    const made = await request('POST', '/log/checkpoint', 'auditor');
    expect(made.statusCode).toBe(200);
    const latest = await request('GET', '/log/checkpoint');
    expect(latest.body).toBe(made.body);
    const body = latest.body.slice(0, latest.body.indexOf('\n\n') + 1);
    const { size, root } = parseCheckpoint(body);
    return { note: latest.body, size, root };
  }

  async function myUsage(as = 'citizen', query = ''): Promise<UsageItem[]> {
    const response = await request('GET', `/api/me/data-usage${query}`, as);
    expect(response.statusCode).toBe(200);
    return (response.json() as { items: UsageItem[] }).items;
  }

  it('starts with a signed, witnessed checkpoint and publishes the keys', async () => {
    const keys = (await request('GET', '/log/witnesses')).json() as {
      origin: string;
      logKey: string;
      witnesses: Array<{ name: string; vkey: string }>;
    };
    expect((await request('GET', '/log/key')).body).toBe(`${keys.logKey}\n`);
    expect(keys.origin).toBe('localhost/civitas/log');
    const note = (await request('GET', '/log/checkpoint')).body;
    const opened = openNote(note, [noteVerifier(keys.logKey), cosignatureVerifier(keys.witnesses[0]!.vkey)]);
    expect(opened.verified.map((signature) => signature.name).sort()).toEqual(
      [keys.origin, keys.witnesses[0]!.name].sort(),
    );
    expect(parseCheckpoint(opened.text).origin).toBe(keys.origin);
    // Later checkpoints are cosigned too: the witness follows the log as it grows.
    await request('GET', '/api/me', 'citizen');
    const grown = openNote((await request('POST', '/log/checkpoint', 'auditor')).body, [
      noteVerifier(keys.logKey),
      cosignatureVerifier(keys.witnesses[0]!.vkey),
    ]);
    expect(parseCheckpoint(grown.text).size).toBeGreaterThan(parseCheckpoint(opened.text).size);
    expect(grown.verified).toHaveLength(2);
  });

  it('keeps full hash tiles in memory for proofs, and shows the cache in the metrics', async () => {
    const log = platform.app.auditLog;
    const size = log.sequencer.head().size;
    // Enough entries to complete at least one more row-0 tile.
    await log.sequencer.appendBatch(
      Array.from({ length: 300 }, (_, i) =>
        encodeEntry({
          v: 1,
          kind: 'admin',
          time: new Date().toISOString(),
          action: 'test.tile-cache',
          subject: `entry ${i}`,
          record: '0'.repeat(64),
        }),
      ),
    );
    await log.tiles.warm();
    const fullTiles = Math.floor((size + 300) / 256);
    expect(log.tiles.cached.tiles).toBeGreaterThanOrEqual(fullTiles);
    const metrics = (await request('GET', '/metrics')).body;
    expect(Number(/^civitas_log_tile_cache_tiles (\d+)$/m.exec(metrics)?.[1])).toBe(log.tiles.cached.tiles);
    expect(Number(/^civitas_log_tile_cache_bytes (\d+)$/m.exec(metrics)?.[1])).toBe(log.tiles.cached.bytes);
    expect(log.tiles.cached.bytes).toBeLessThanOrEqual(log.tiles.cached.budget);
  });

  it("feeds the log on its own thread on PostgreSQL, and its appends and this thread's make one tree", async () => {
    const log = platform.app.auditLog;
    expect(log.feed instanceof FeedThread).toBe(engine.name === 'postgres');
    const adminEntry = (subject: string) =>
      encodeEntry({
        v: 1,
        kind: 'admin',
        time: new Date().toISOString(),
        action: 'test.two-writers',
        subject,
        record: '0'.repeat(64),
      });
    // Exchange traffic for the feed, and appends from this thread at the same time.
    await Promise.all([
      request('GET', '/api/me', 'citizen'),
      log.sequencer.appendBatch([adminEntry('a'), adminEntry('b')]),
      log.feed.run(),
      request('GET', '/api/me', 'citizen'),
      log.sequencer.appendBatch([adminEntry('c')]),
      log.feed.run(),
    ]);
    await log.feed.run();
    const verified = await verifyLog(platform.database.db);
    expect(verified.problems).toEqual([]);
    expect(verified.size).toBe(await log.sequencer.storedSize());
    // Proofs reach the entries the feed's thread appended, past this thread's own head.
    const size = await log.sequencer.storedSize();
    const proof = await request('GET', `/log/proof/inclusion?index=${size - 1}&size=${size}`);
    expect(proof.statusCode).toBe(200);
  });

  it('shows a citizen every access to their data, each provably in the log', async () => {
    const before = await checkpointNow();
    expect((await request('GET', '/api/me', 'citizen')).statusCode).toBe(200);
    const items = await myUsage();
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((item) => item.purpose === 'data-subject-access' && item.self)).toBe(true);
    expect(items.some((item) => item.receiver.service.endsWith('/population-register/persons'))).toBe(true);
    expect(new Set(items.flatMap((item) => item.dataCategories))).toContain('identity');

    const after = await checkpointNow();
    expect(after.size).toBeGreaterThan(before.size);
    for (const item of items) {
      const bytes = fromBase64(item.entry);
      const entry = decodeEntry(bytes) as AccessEntry;
      expect(entry).toMatchObject({
        kind: 'access',
        queryId: item.queryId,
        time: item.logTime,
        purpose: item.purpose,
      });
      expect(entry.subject).toBe(subjectCommitment(item.nonce, citizen));
      // The public entry names no person.
      expect(new TextDecoder().decode(bytes)).not.toContain(citizen);
      const proof = (
        await request('GET', `/log/proof/inclusion?index=${item.logIndex}&size=${after.size}`)
      ).json() as {
        leafHash: string;
        proof: string[];
      };
      expect(proof.leafHash).toBe(toBase64(leafHash(bytes)));
      verifyInclusion(item.logIndex, after.size, leafHash(bytes), proof.proof.map(fromBase64), after.root);
    }
    const consistency = (
      await request('GET', `/log/proof/consistency?from=${before.size}&to=${after.size}`)
    ).json() as {
      proof: string[];
    };
    verifyConsistency(before.size, after.size, consistency.proof.map(fromBase64), before.root, after.root);
  });

  it('serves C2SP tiles from which a standard client recomputes the checkpoint root', async () => {
    const { size, root } = await checkpointNow();
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(256 * 256);
    const leaves: Uint8Array[] = [];
    for (let tile = 0; tile * 256 < size; tile++) {
      const width = Math.min(256, size - tile * 256);
      const hashes = await request('GET', `/log/${tilePath(0, tile, width)}`);
      expect(hashes.statusCode).toBe(200);
      expect(hashes.headers['content-type']).toBe('application/octet-stream');
      const bundle = await request('GET', `/log/${entriesPath(tile, width)}`);
      expect(bundle.statusCode).toBe(200);
      const entries = decodeEntryBundle(bundle.rawPayload);
      expect(entries).toHaveLength(width);
      entries.forEach((entry, offset) => {
        const stored = hashes.rawPayload.subarray(offset * 32, offset * 32 + 32);
        expect(equalBytes(leafHash(entry), stored)).toBe(true);
        leaves.push(leafHash(entry));
      });
      if (width === 256) expect(hashes.headers['cache-control']).toContain('immutable');
    }
    const recomputed = rootHash(size, ({ level, index }) => {
      let row = leaves.slice(index * 2 ** level, (index + 1) * 2 ** level);
      while (row.length > 1)
        row = row.flatMap((hash, i) => (i % 2 === 0 ? [nodeHash(hash, row[i + 1]!)] : []));
      return row[0]!;
    });
    expect(equalBytes(recomputed, root)).toBe(true);
  });

  it('refuses proof requests outside the tree with a clear 400', async () => {
    const { size } = await checkpointNow();
    const cases: Array<[string, string]> = [
      [`/log/proof/inclusion?index=${size}&size=${size}`, 'proof-out-of-range'],
      [`/log/proof/inclusion?index=0&size=${size + 1_000_000}`, 'proof-out-of-range'],
      ['/log/proof/inclusion?index=-1', 'validation-failed'],
      ['/log/proof/inclusion?index=abc', 'validation-failed'],
      ['/log/proof/inclusion?index=01', 'validation-failed'],
      ['/log/proof/inclusion?index=99999999999999999999999', 'validation-failed'],
      ['/log/proof/inclusion?index=9999999999999999', 'proof-out-of-range'],
      ['/log/proof/inclusion', 'validation-failed'],
      [`/log/proof/consistency?from=${size + 1}&to=${size}`, 'proof-out-of-range'],
      [`/log/proof/consistency?from=1&to=${size + 5_000_000}`, 'proof-out-of-range'],
      ['/log/proof/consistency?from=1.5', 'validation-failed'],
    ];
    for (const [url, code] of cases) expectProblem(await request('GET', url), 400, code);
    expectProblem(await request('GET', '/log/tile/0/x001'), 404, 'tile-not-found');
    expectProblem(await request('GET', '/log/tile/0/x999/999'), 404, 'tile-not-found');
    expectProblem(await request('GET', '/log/tile/entries/009.p/0'), 404, 'tile-not-found');
    expectProblem(await request('POST', '/log/checkpoint', 'citizen'), 403, 'role-forbidden');
  });

  it("shows a police officer's lookup to the citizen, lets that officer hide it, and shows auditors everything", async () => {
    const lookup = await request('GET', `/api/persons/${citizen}`, 'police', undefined, {
      'x-purpose': 'criminal-investigation',
      'x-legal-basis': 'ministry-of-interior-act-art-6',
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    const byPolice = (await myUsage()).filter((item) => item.purpose === 'criminal-investigation');
    expect(byPolice.length).toBeGreaterThan(0);
    expect(byPolice[0]).toMatchObject({
      self: false,
      initiatorOrg: { id: 'BG/GOV/000695235/sofia-police' },
      legalBasis: 'ministry-of-interior-act-art-6',
    });
    expect(byPolice[0]!.initiatorPerson).toMatch(/^\p{Lu}\p{Ll}+ \p{Lu}\p{Ll}+$/u);

    const until = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const target = byPolice[0]!;
    const hideBody = { hiddenUntil: until, reason: 'pre-trial proceedings 12/2026' };
    expectProblem(
      await request('POST', `/api/audit/usage/${target.id}/hide`, 'official', hideBody),
      403,
      'not-initiator',
    );
    expectProblem(
      await request('POST', `/api/audit/usage/${target.id}/hide`, 'citizen', hideBody),
      403,
      'role-forbidden',
    );
    expectProblem(
      await request('POST', `/api/audit/usage/${target.id}/hide`, 'police', {
        ...hideBody,
        hiddenUntil: '2001-01-01T00:00:00Z',
      }),
      400,
      'validation-failed',
    );
    expectProblem(
      await request('POST', '/api/audit/usage/00000000-0000-4000-8000-000000000000/hide', 'police', hideBody),
      404,
      'usage-not-found',
    );
    const hidden = await request('POST', `/api/audit/usage/${target.id}/hide`, 'police', hideBody);
    expect(hidden.json()).toEqual({ hidden: 1 });
    expect((await myUsage()).some((item) => item.id === target.id)).toBe(false);

    expectProblem(await request('GET', '/api/audit/usage', 'auditor'), 400, 'validation-failed');
    expectProblem(
      await request(
        'GET',
        '/api/audit/usage?purpose=data-protection-supervision&legalBasis=gdpr-art-58',
        'official',
      ),
      403,
      'role-forbidden',
    );
    const audit = await request(
      'GET',
      `/api/audit/usage?purpose=data-protection-supervision&legalBasis=gdpr-art-58&subject=${citizen}`,
      'auditor',
    );
    expect(audit.statusCode).toBe(200);
    const seen = (audit.json() as { items: UsageItem[] }).items.find((item) => item.id === target.id);
    expect(seen).toMatchObject({
      hiddenUntil: until.replace(/\.\d+Z$/, (ms) => ms),
      hiddenReason: hideBody.reason,
      initiatorPersonalNumber: police,
    });
    // The auditor's look is itself in the citizen's list, naming the auditor, not by their number.
    const mine = await myUsage();
    expect(mine.some((item) => item.purpose === 'data-protection-supervision' && !item.self)).toBe(true);
    expect(JSON.stringify(mine)).not.toContain(auditor);
  });

  it('hides a case from the start when the police declare it first', async () => {
    const until = new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString();
    const declared = await request('POST', '/api/audit/hidden-cases', 'police', {
      caseRef: 'ДП-77/2026',
      legalBasis: 'ministry-of-interior-act-art-6',
      hiddenUntil: until,
      reason: 'covert investigation',
    });
    expect(declared.statusCode, declared.body).toBe(200);
    expectProblem(
      await request('POST', '/api/audit/hidden-cases', 'official', {
        caseRef: 'x',
        legalBasis: 'civil-registration-act-art-106',
        hiddenUntil: until,
        reason: 'nope',
      }),
      403,
      'basis-not-hideable',
    );
    const lookup = await request('GET', `/api/persons/${citizen}`, 'police', undefined, {
      'x-purpose': 'criminal-investigation',
      'x-legal-basis': 'ministry-of-interior-act-art-6',
      'x-case': 'ДП-77/2026',
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect((await myUsage()).some((item) => (item as { caseRef?: string }).caseRef === 'ДП-77/2026')).toBe(
      false,
    );
    const audit = await request(
      'GET',
      `/api/audit/usage?purpose=data-protection-supervision&legalBasis=gdpr-art-58&usagePurpose=criminal-investigation`,
      'auditor',
    );
    const items = (audit.json() as { items: Array<UsageItem & { caseRef: string | null }> }).items.filter(
      (item) => item.caseRef === 'ДП-77/2026',
    );
    expect(items.length).toBeGreaterThan(0);
    expect(
      items.every((item) => item.hiddenReason === 'covert investigation' && item.hiddenUntil !== null),
    ).toBe(true);
  });

  it('answers the Estonian Data Tracker v3 API', async () => {
    const heartbeat = await request('GET', '/api/data-tracker/v3/heartbeat');
    expect(heartbeat.json()).toEqual({ status: 'OK', message: 'API is ready' });
    const found = await request(
      'GET',
      `/api/data-tracker/v3/findUsage?userCode=BG${citizen}&limit=5`,
      'citizen',
    );
    expect(found.statusCode, found.body).toBe(200);
    const body = found.json() as {
      totalUsages: number;
      returnedUsages: number;
      dataResponses: Array<Record<string, unknown>>;
    };
    expect(body.returnedUsages).toBe(5);
    expect(body.totalUsages).toBeGreaterThan(5);
    // The newest record is the auditor's look of the test before: the data protection authority's,
    // naming the auditor, not giving their personal code.
    expect(body.dataResponses[0]).toMatchObject({
      logSourceSystem: 'Civitas',
      initiatorOrg: { type: 'GOV', code: '130961721', name: 'Комисия за защита на личните данни' },
      initiatorPerson: { name: expect.any(String) },
      target: { type: 'GOV' },
    });
    expect(body.dataResponses[0]!.initiatorPerson).not.toHaveProperty('code');
    const none = await request(
      'GET',
      `/api/data-tracker/v3/findUsage?userCode=BG${citizen}&processingType=DATA_REQUEST`,
      'citizen',
    );
    expect(none.json()).toMatchObject({ totalUsages: 0, returnedUsages: 0 });
    const other = await request('GET', `/api/data-tracker/v3/findUsage?userCode=BG${official}`, 'citizen');
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ code: 'role-forbidden', message: expect.any(String) });
    const bad = await request('GET', '/api/data-tracker/v3/findUsage?userCode=EE38001010000', 'citizen');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation-failed', message: expect.any(String) });
    const unknownQuery = await request('POST', '/api/data-tracker/v3/disclose', 'official', [
      {
        queryId: 'no-such-query',
        hiddenReason: 'x-files',
        hiddenUntil: new Date(Date.now() + 86_400_000).toISOString(),
      },
    ]);
    expect(unknownQuery.statusCode).toBe(404);
  });

  it("shows an owner each lookup of their vehicle's history, though the asker could not name them", async () => {
    const { db } = platform.database;
    const owned = await sql<{ vin: string; owner_id: string }>`
      SELECT DISTINCT ON (vin) vin, owner_id, owner_kind FROM vehicles.registrations ORDER BY vin, seq DESC`.execute(
      db,
    );
    const target = owned.rows.find((row) => (row as { owner_kind?: string }).owner_kind === 'person')!;
    const client = new ExchangeClient(platform.app.exchange, PORTAL_CLIENT);
    const answer = await client.get(
      serviceId('vehicle-register', 'vehicles'),
      `/${target.vin}/registrations`,
      {
        purpose: 'vehicle-history-report',
        legalBasis: 'road-traffic-act-art-140',
      },
    );
    expect(answer.status).toBe(200);
    const issuer = eidIssuer(platform.config.publicUrl);
    tokens.owner = await issueScriptingToken(platform.keys, issuer, target.owner_id, ['citizen']);
    const lookups = (await myUsage('owner')).filter((item) => item.purpose === 'vehicle-history-report');
    expect(lookups).toHaveLength(1);
    expect(lookups[0]).toMatchObject({ initiatorPerson: null, self: false, dataCategories: ['vehicles'] });
    // A personal-data endpoint without a subject-naming register still needs the subject.
    const refused = await client.get(
      serviceId('vehicle-register', 'vehicles'),
      `/by-owner/${target.owner_id}`,
      {
        purpose: 'vehicle-history-report',
        legalBasis: 'road-traffic-act-art-140',
      },
    );
    expect(refused.fault).toBe('Client.MissingDataSubject');
  });

  it('hashes every column of a message-log record, and any change changes the hash', async () => {
    await request('GET', '/api/me', 'citizen');
    // As the feed reads it: through the exchange's outbox.
    const [row] = await exchangeLogs(platform.database.db).messages.readAfter(0, 1);
    if (!row) throw new Error('the message log is empty');
    expect(Object.keys(row).sort()).toEqual([...RECORD_COLUMNS].sort());
    const hash = recordHash(row);
    for (const column of RECORD_COLUMNS) {
      const value = row[column];
      const changed =
        value instanceof Date
          ? new Date(value.getTime() + 1)
          : typeof value === 'number'
            ? value + 1
            : `${value ?? ''}x`;
      expect(recordHash({ ...row, [column]: changed }), column).not.toBe(hash);
    }
  });

  it('logs every change to the registry: members, nodes, certificates, groups (never a private key)', async () => {
    const { db } = platform.database;
    await sql`INSERT INTO exchange.global_groups (code, description, members) VALUES ('audit-test', 'a test group', '{}')`.execute(
      db,
    );
    await request('POST', '/log/checkpoint', 'auditor');
    const entries = (
      await tablesOf<AuditTables>(db).selectFrom('audit.log_entries').select('data').orderBy('idx').execute()
    ).map((row) => decodeEntry(row.data) as { kind: string; action?: string; subject?: string });
    const actions = new Set(entries.filter((entry) => entry.kind === 'admin').map((entry) => entry.action));
    for (const action of [
      'registry.members.insert',
      'registry.nodes.insert',
      'registry.certificates.insert',
    ]) {
      expect(actions).toContain(action);
    }
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'registry.global_groups.insert', subject: 'audit-test' }),
    );
    const details = await exchangeLogs(db).admin.readAfter(0, 100_000);
    expect(details.some((row) => row.details.includes('PRIVATE KEY'))).toBe(false);
  });

  it('has a witness that cosigns only consistent checkpoints (C2SP tlog-witness)', async () => {
    const { note, size } = await checkpointNow();
    // The log's private key is in the key store, not the database.
    const keys = JSON.parse(new KeyStore(platform.config.keyDir).read(keyFileOf('log'))!) as NoteKey;
    const add = (body: string) =>
      request('POST', '/witness/add-checkpoint', undefined, body, { 'content-type': 'text/plain' });
    const signedNote = note.split('\n\n')[0]!;
    const logSigned = signNote(`${signedNote}\n`, [noteSigner(keys.skey)]);

    expectProblem(await add('garbage'), 400, 'witness-malformed-request');
    expectProblem(await add(`old ${size + 1}\n\n${logSigned}`), 400, 'witness-malformed-request');
    const stale = await add(`old 0\n\n${logSigned}`);
    expect(stale.statusCode, stale.body).toBe(409);
    expect(stale.headers['content-type']).toMatch(/^text\/x\.tlog\.size/);
    expect(stale.body).toBe(`${size}\n`);
    // The same size again with the same root is fine; with another root it is a fork.
    expect((await add(`old ${size}\n\n${logSigned}`)).statusCode).toBe(200);
    const forkBody = formatCheckpoint({ origin: keys.name, size, root: new Uint8Array(32).fill(7) });
    expectProblem(
      await add(`old ${size}\n\n${signNote(forkBody, [noteSigner(keys.skey)])}`),
      409,
      'witness-conflict',
    );
    const bigger = formatCheckpoint({ origin: keys.name, size: size + 10, root: new Uint8Array(32).fill(9) });
    const wrongProof = `${toBase64(new Uint8Array(32))}\n`;
    expectProblem(
      await add(`old ${size}\n${wrongProof}\n${signNote(bigger, [noteSigner(keys.skey)])}`),
      422,
      'witness-inconsistent',
    );
    const forged = logSigned.replace(
      /\n([A-Za-z0-9+/]{43}=)\n/,
      `\n${toBase64(new Uint8Array(32).fill(1))}\n`,
    );
    expectProblem(await add(`old ${size}\n\n${forged}`), 403, 'witness-bad-signature');
    const otherLog = signNote(
      formatCheckpoint({ origin: 'example.org/log', size: 1, root: new Uint8Array(32) }),
      [noteSigner(generateSigningKey('example.org/log').skey)],
    );
    expectProblem(await add(`old 0\n\n${otherLog}`), 404, 'witness-unknown-log');
  });
});
