import { describe, expect, it } from 'vitest';
import { dossierPath, matchDossierPath, matchVerifyPath, verifyPath } from './paths.ts';

describe('dossier paths', () => {
  it('round-trips a VIN', () => {
    expect(dossierPath('WVWZZZ1JZXW000001')).toBe('/vehicles/WVWZZZ1JZXW000001/dossier');
    expect(matchDossierPath(dossierPath('WVWZZZ1JZXW000001'))).toEqual({ vin: 'WVWZZZ1JZXW000001' });
  });

  it('accepts a trailing slash', () => {
    expect(matchDossierPath('/vehicles/ABC/dossier/')).toEqual({ vin: 'ABC' });
  });

  it('rejects other paths and undecodable segments', () => {
    expect(matchDossierPath('/vehicles//dossier')).toBeNull();
    expect(matchDossierPath('/vehicles/ABC')).toBeNull();
    expect(matchDossierPath('/vehicles/A/B/dossier')).toBeNull();
    expect(matchDossierPath('/vehicles/%E0%A4%A/dossier')).toBeNull();
  });
});

describe('verify paths', () => {
  it('round-trips a reference', () => {
    expect(verifyPath('VR-1234-5678-9ABC')).toBe('/verify/VR-1234-5678-9ABC');
    expect(matchVerifyPath('/verify/VR-1234-5678-9ABC')).toEqual({ reference: 'VR-1234-5678-9ABC' });
  });

  it('matches the upload-only page without a reference', () => {
    expect(matchVerifyPath('/verify')).toEqual({ reference: null });
    expect(matchVerifyPath('/verify/')).toEqual({ reference: null });
  });

  it('rejects other paths', () => {
    expect(matchVerifyPath('/verifyer')).toBeNull();
    expect(matchVerifyPath('/verify/a/b')).toBeNull();
    expect(matchVerifyPath('/api/vehicle-reports/verify')).toBeNull();
  });
});
