import {
  formatPrescriptionNumber,
  newPrescriptionNumber,
  prescriptionQrPayload,
} from '@civitas/contracts/health/prescription-number.ts';
import { describe, expect, it } from 'vitest';
import { numberFromQr, validateFind } from './find-form.ts';

describe("the pharmacist's search", () => {
  const number = newPrescriptionNumber();

  it('takes the number as printed or typed, and the personal number without spaces', () => {
    expect(
      validateFind({
        number: formatPrescriptionNumber(number).toLowerCase(),
        personalNumber: ' 8601 14 1234 ',
      }),
    ).toEqual({ ok: true, request: { number, patient: '8601141234' } });
  });

  it('names each problem at its field: missing, too short, a typo, not digits', () => {
    expect(validateFind({ number: '', personalNumber: '' })).toEqual({
      ok: false,
      errors: [
        { field: 'number', problem: 'required' },
        { field: 'personalNumber', problem: 'required' },
      ],
    });
    expect(validateFind({ number: number.slice(0, 8), personalNumber: '86011412' })).toEqual({
      ok: false,
      errors: [
        { field: 'number', problem: 'number-length' },
        { field: 'personalNumber', problem: 'personal-number-digits' },
      ],
    });
    const typo = number.slice(0, 11) + (number[11] === '2' ? '3' : '2');
    expect(validateFind({ number: typo, personalNumber: '8601141234' })).toEqual({
      ok: false,
      errors: [{ field: 'number', problem: 'number-invalid' }],
    });
  });

  it("reads the number from the prescription's QR or a printed number, nothing else", () => {
    expect(numberFromQr(prescriptionQrPayload(number, 'abc'))).toBe(number);
    expect(numberFromQr(formatPrescriptionNumber(number))).toBe(number);
    expect(numberFromQr('openid4vp://?request_uri=x')).toBeNull();
  });
});
