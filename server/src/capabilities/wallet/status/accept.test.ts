import { describe, expect, it } from 'vitest';
import { negotiateTokenKind } from './accept.ts';
import { effectOf } from './revocation.ts';

describe('the status list representation asked for by Accept', () => {
  it("answers the list's own family for no preference", () => {
    for (const accept of [undefined, '', '*/*', 'application/*', '*/*;q=0.8']) {
      expect(negotiateTokenKind(accept, 'jwt')).toBe('jwt');
      expect(negotiateTokenKind(accept, 'cwt')).toBe('cwt');
    }
  });

  it('answers what is named, by quality, and a named type over a wildcard', () => {
    expect(negotiateTokenKind('application/statuslist+cwt', 'jwt')).toBe('cwt');
    expect(negotiateTokenKind('Application/StatusList+JWT', 'cwt')).toBe('jwt');
    expect(
      negotiateTokenKind('application/statuslist+jwt;q=0.4, application/statuslist+cwt;q=0.9', 'jwt'),
    ).toBe('cwt');
    expect(negotiateTokenKind('*/*;q=1, application/statuslist+cwt;q=1', 'jwt')).toBe('cwt');
  });

  it('answers nothing when nothing offered is acceptable', () => {
    for (const accept of [
      'text/html',
      'application/json',
      'application/statuslist+jwt;q=0',
      'application/jwt',
      '*/*;q=0',
    ]) {
      expect(negotiateTokenKind(accept, 'jwt'), accept).toBeNull();
    }
  });
});

describe('what a register change does to the credentials made from the record', () => {
  it('suspends on a suspension, restores on a restoration, revokes a dead person’s everything, revokes on anything else', () => {
    expect(effectOf('licence-suspended')).toEqual({ change: 'suspend', wholePerson: false });
    expect(effectOf('licence-restored')).toEqual({ change: 'restore', wholePerson: false });
    expect(effectOf('person-deceased')).toEqual({ change: 'revoke', wholePerson: true });
    for (const kind of ['licence-withdrawn', 'licence-expired', 'vehicle-reregistered', 'something-new']) {
      expect(effectOf(kind), kind).toEqual({ change: 'revoke', wholePerson: false });
    }
  });
});
