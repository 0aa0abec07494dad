import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../../test/databases.ts';
import { startTestPlatform, type TestPlatform } from '../../test/platform.ts';
import { eidIssuer, issueScriptingToken } from '../identity/tokens.ts';

type Role = 'citizen' | 'official' | 'police' | 'auditor' | 'admin';

/**
 * Issue 14, item 7: NUL bytes in query and body fields gave 500 (PostgreSQL refuses a NUL in
 * text). Every control character is refused with 400 problem+json before anything is stored or
 * looked up, on every route.
 */
describe.each(testDatabases())('control characters in requests, on $name', (engine) => {
  let platform: TestPlatform;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    platform = await startTestPlatform(engine, {
      persons: 60,
      vehicles: 10,
      env: { CIVITAS_RATE_LIMIT: '0' },
    });
    const issuer = eidIssuer(platform.config.publicUrl);
    const [citizen, official, , , police, auditor, admin] = platform.seeded.demoPersons as string[];
    const people: Array<[Role, string]> = [
      ['citizen', citizen!],
      ['official', official!],
      ['police', police!],
      ['auditor', auditor!],
      ['admin', admin!],
    ];
    for (const [role, person] of people)
      tokens.set(role, await issueScriptingToken(platform.keys, issuer, person, ['citizen', role]));
  });
  afterAll(() => platform?.close());

  const later = new Date(Date.now() + 30 * 86_400_000).toISOString();
  const requests = (character: string) => {
    const encoded = encodeURIComponent(character);
    return [
      { role: 'citizen', method: 'GET', url: `/api/me/data-usage?organisation=a${encoded}b` },
      { role: 'citizen', method: 'GET', url: `/api/me/data-usage?purpose=x${encoded}` },
      {
        role: 'auditor',
        method: 'GET',
        url: `/api/audit/usage?purpose=spot%20check&legalBasis=Art.%2058&organisation=a${encoded}b`,
      },
      { role: 'admin', method: 'DELETE', url: `/api/exchange/access-rights/a${encoded}b` },
      {
        role: 'admin',
        method: 'POST',
        url: '/api/exchange/access-rights',
        payload: {
          client: 'BG/GOV/177547175/civitas-portal',
          serviceId: 'BG/GOV/831661388/population-register/persons',
          pairs: [
            { purpose: `address-verification${character}`, legalBasis: 'civil-registration-act-art-106' },
          ],
        },
      },
      {
        role: 'police',
        method: 'POST',
        url: '/api/audit/hidden-cases',
        payload: {
          caseRef: `CASE${character}1`,
          legalBasis: 'ministry-of-interior-act-art-6',
          hiddenUntil: later,
          reason: 'an ongoing investigation',
        },
      },
      {
        role: 'police',
        method: 'POST',
        url: '/api/data-tracker/v3/disclose',
        payload: [{ queryId: `q${character}`, hiddenReason: 'investigation', hiddenUntil: later }],
      },
      {
        role: 'official',
        method: 'GET',
        url: `/api/persons/${platform.seeded.demoPersons[0]}`,
        headers: { 'x-purpose': 'address-verification', 'x-legal-basis': `civil-registration${character}` },
      },
    ] as const;
  };

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['BEL', '\u0007'],
  ])(
    'refuses %s in query, path, header and body fields with 400 control-character, and takes line breaks in body text',
    async (name, character) => {
      for (const request of requests(character)) {
        const response = await platform.app.inject({
          method: request.method,
          url: request.url,
          headers: {
            authorization: `Bearer ${tokens.get(request.role)}`,
            ...('headers' in request ? request.headers : {}),
          },
          ...('payload' in request ? { payload: request.payload } : {}),
        });
        expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 400 });
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.json()).toMatchObject({ status: 400, code: 'control-character' });
      }
      // Line breaks and tabs are still text where it may span lines (a JSON body string).
      const multiline = await platform.app.inject({
        method: 'POST',
        url: '/api/audit/hidden-cases',
        headers: { authorization: `Bearer ${tokens.get('police')}` },
        payload: {
          caseRef: `CASE-${name}`,
          legalBasis: 'ministry-of-interior-act-art-6',
          hiddenUntil: later,
          reason: 'an ongoing\ninvestigation,\tsee file',
        },
      });
      expect(multiline.statusCode).toBe(200);
    },
  );

  it('refuses them on the exchange interface too, in the exchange’s own error form (X-Road)', async () => {
    const persons = 'BG/GOV/831661388/population-register/persons';
    const citizen = platform.seeded.demoPersons[0];
    const headers = {
      'x-road-client': 'BG/GOV/177547175/civitas-portal',
      'x-road-purpose': 'resident-parking-permit',
      'x-road-legal-basis': 'sofia-parking-ordinance-art-35',
      'x-road-data-subject': String(citizen),
    };
    for (const request of [
      { url: `/r1/${persons}/${citizen}?x=%00` },
      { url: `/r1/${persons}/${citizen}%00` },
      { url: `/r1/${persons}/${citizen}`, headers: { 'x-road-case': 'CASE\u00001' } },
      { url: `/r1/${persons}/${citizen}`, headers: { 'x-road-data-subject': `${citizen}\u001b` } },
    ]) {
      const response = await platform.app.inject({
        method: 'GET',
        url: request.url,
        headers: { ...headers, ...request.headers },
      });
      expect(response.statusCode).toBe(400);
      expect(response.headers['x-road-error']).toBe('Client.BadRequest');
    }
  });
});
