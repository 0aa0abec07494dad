import { describe, expect, it } from 'vitest';
import { forkRandom } from '../../../kernel/index.ts';
import { idFrom, idSalt, prescriptionNumberFrom } from './subjects.ts';

describe("a person's ids", () => {
  it('stay apart for two persons whose seeded streams are the same (a 32-bit seed collides)', () => {
    // The same stream for both, as forkRandom gives two persons whose 32-bit seeds collide.
    const first = forkRandom('civitas', 'same-stream');
    const second = forkRandom('civitas', 'same-stream');
    const ids = (random: ReturnType<typeof forkRandom>, salt: ReturnType<typeof idSalt>) =>
      Array.from({ length: 50 }, () => idFrom(random, salt));
    const a = ids(first, idSalt('civitas', '7106216396'));
    const b = ids(second, idSalt('civitas', '2346056309'));
    expect(new Set([...a, ...b]).size).toBe(100);
    for (const id of a)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const numbers = (random: ReturnType<typeof forkRandom>, salt: ReturnType<typeof idSalt>) =>
      Array.from({ length: 20 }, () => prescriptionNumberFrom(random, salt));
    const x = numbers(forkRandom('civitas', 'n'), idSalt('civitas', '7106216396'));
    const y = numbers(forkRandom('civitas', 'n'), idSalt('civitas', '2346056309'));
    expect(new Set([...x, ...y]).size).toBe(40);
  });

  it('are the same for the same seed and person, and consume the stream as before', () => {
    const salted = forkRandom('civitas', 'p');
    const plain = forkRandom('civitas', 'p');
    expect(
      idFrom(salted, idSalt('civitas', '1')) === idFrom(forkRandom('civitas', 'p'), idSalt('civitas', '1')),
    ).toBe(true);
    idFrom(plain);
    // After one id each, both streams are at the same place (the clinical draws after it are unchanged).
    expect(salted.uint32()).toBe(plain.uint32());
  });
});
