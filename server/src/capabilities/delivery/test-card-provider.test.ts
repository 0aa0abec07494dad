import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { type AppError, KeyStore } from '../../kernel/index.ts';
import { TestCardProvider } from './test-card-provider.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'civitas-provider-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const card = { expiry: '12/30', cvc: '123', holder: 'Test Holder' };

async function refusal(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    return (error as AppError).code;
  }
}

describe('the local test payment provider', () => {
  const provider = new TestCardProvider(new KeyStore(dir));

  it('accepts the test cards with a notification it signed', async () => {
    const notification = await provider.charge({ id: 'o-1' }, { ...card, cardNumber: '4242 4242 4242 4242' });
    expect(notification).toMatchObject({ orderId: 'o-1', outcome: 'paid' });
    expect(provider.verify(notification)).toBe(true);
  });

  it('declines the declined card, an expired card and any other valid card number', async () => {
    expect(await refusal(provider.charge({ id: 'o' }, { ...card, cardNumber: '4000000000000002' }))).toBe(
      'payment-declined',
    );
    expect(
      await refusal(
        provider.charge({ id: 'o' }, { ...card, expiry: '01/20', cardNumber: '4242424242424242' }),
      ),
    ).toBe('payment-declined');
    expect(await refusal(provider.charge({ id: 'o' }, { ...card, cardNumber: '4012888888881881' }))).toBe(
      'payment-declined',
    );
    expect(await refusal(provider.charge({ id: 'o' }, { ...card, cardNumber: '4242424242424241' }))).toBe(
      'validation-failed',
    );
  });

  it('refuses a notification with any field or signature changed', () => {
    const signed = provider.sign({ orderId: 'o-2', providerRef: 'test-2', outcome: 'paid' });
    fc.assert(
      fc.property(
        fc.constantFrom('orderId', 'providerRef', 'outcome', 'signature'),
        fc.string({ minLength: 1, maxLength: 10 }),
        (field, noise) => {
          const changed = {
            ...signed,
            [field]:
              field === 'outcome'
                ? 'failed'
                : field === 'signature'
                  ? 'ab'.repeat(32)
                  : `${signed[field]}${noise}`,
          };
          return !provider.verify(changed as typeof signed);
        },
      ),
    );
  });
});
