/**
 * Hands out unique registration plates. Plates are drawn from the vehicle's own random stream; only a
 * collision with an earlier vehicle's plate (rare: 1.44 million numbers per prefix) makes a later draw.
 */

import { PLATE_LETTERS, PLATE_REGIONS } from '@civitas/contracts/ids/plate.ts';
import type { Random } from '../../kernel/index.ts';
import type { Region } from '../instance/bg/geography.ts';

const PREFIX_INDEX = new Map(Object.keys(PLATE_REGIONS).map((prefix, i) => [prefix, i]));
const NUMBERS_PER_PREFIX = 10_000 * 144;

export class PlateAllocator {
  readonly #taken = new Set<number>();

  allocate(random: Random, region: Region): string {
    for (;;) {
      const prefix = random.pick(region.platePrefixes);
      const digits = random.int(0, 9999);
      const letters = random.int(0, 143);
      const key = PREFIX_INDEX.get(prefix)! * NUMBERS_PER_PREFIX + digits * 144 + letters;
      if (this.#taken.has(key)) continue;
      this.#taken.add(key);
      return `${prefix}${String(digits).padStart(4, '0')}${PLATE_LETTERS[Math.floor(letters / 12)]}${PLATE_LETTERS[letters % 12]}`;
    }
  }
}
