import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../../shared/api/api-error.ts';
import { describeVehicleCheckError } from './vehicle-check-error.ts';

// Answers with the key, so the tests see which text was chosen.
const t = ((key: string) => key) as unknown as TFunction;

const problem = (status: number, code: string, detail?: string) =>
  new ApiError(status, {
    type: `urn:civitas:problem:${code}`,
    title: code,
    status,
    code,
    ...(detail ? { detail } : {}),
  });

describe('describeVehicleCheckError', () => {
  it('says no vehicle matches, without telling whether the vehicle or the fact was wrong', () => {
    const described = describeVehicleCheckError(
      problem(404, 'vehicle-not-found', 'No vehicle matches this VIN or plate together with the fact given.'),
      t,
    );
    expect(described).toEqual({
      title: 'vehicleCheck.errors.notFound',
      detail: 'vehicleCheck.errors.notFoundHint',
    });
  });

  it('asks to try later after too many attempts, whatever the 429 says', () => {
    expect(describeVehicleCheckError(problem(429, 'rate-limited'), t).title).toBe(
      'vehicleCheck.errors.rateLimited',
    );
    expect(describeVehicleCheckError(new ApiError(429, null), t).title).toBe(
      'vehicleCheck.errors.rateLimited',
    );
  });

  it('explains a plate the server does not recognise', () => {
    expect(describeVehicleCheckError(problem(400, 'invalid-plate'), t).title).toBe(
      'vehicleCheck.errors.invalidPlate',
    );
  });

  it('falls back to the general problem display for anything else', () => {
    expect(describeVehicleCheckError(new NetworkError(new TypeError('offline')), t).title).toBe(
      'errors.network',
    );
    expect(describeVehicleCheckError(problem(503, 'register-unavailable'), t).title).toBe(
      'problems.register-unavailable',
    );
  });
});
