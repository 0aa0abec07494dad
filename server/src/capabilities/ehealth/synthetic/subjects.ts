import { createHash } from 'node:crypto';
import { prescriptionNumberFrom as numberFrom } from '@civitas/contracts/health/prescription-number.ts';
import { Random } from '../../../kernel/index.ts';

/**
 * A person of the population as the health record's generator needs them: read from the
 * population the platform just seeded (the register generator's output), never from the
 * register's tables at run time.
 */
export interface HealthSubject {
  /** Position in the population's generation order (the first ones are the demo accounts). */
  index: number;
  personalNumber: string;
  givenName: string;
  fatherName: string;
  familyName: string;
  sex: 'M' | 'F';
  birthDate: string;
  deceased: boolean;
  deathDate: string | null;
  motherPersonalNumber: string | null;
  fatherPersonalNumber: string | null;
  address: SubjectAddress | null;
}

export interface SubjectAddress {
  regionCode: string;
  settlement: string;
  postcode: string;
  /** Street, building and apartment, as one line. */
  line: string;
}

/** The demo accounts by their index in the population (see identity's DEMO_ROLE_ORGANISATIONS). */
export const DEMO_INDEX = { citizen: 0, gp: 2, pharmacist: 3, specialist: 7 } as const;
export const DEMO_COUNT = 8;

const HEX = '0123456789abcdef';

/**
 * A stream that tells one person's ids apart from everyone else's: seeded with 128 bits of
 * SHA-256 of the seed and the personal number. The generator's own stream (`forkRandom`) has a
 * 32-bit seed, so among 100,000 persons two share it (two did, at the seed `civitas`: the same
 * ids, one primary key); mixed into every id and prescription number, this one keeps them apart.
 */
export function idSalt(seed: string | number, personalNumber: string): Random {
  const digest = createHash('sha256').update(`${seed}|ehealth-ids|${personalNumber}`).digest();
  return new Random(
    digest.readUInt32BE(0),
    digest.readUInt32BE(4),
    digest.readUInt32BE(8),
    digest.readUInt32BE(12),
  );
}

/**
 * An opaque, deterministic resource id (UUID v4 form) from a seeded stream, mixed with a
 * person's `idSalt` when given (the stream is consumed the same either way).
 */
export function idFrom(random: Random, salt?: Random): string {
  let out = '';
  for (let i = 0; i < 4; i++) {
    const word = (random.uint32() ^ (salt ? salt.uint32() : 0)) >>> 0;
    for (let shift = 28; shift >= 0; shift -= 4) out += HEX[(word >>> shift) & 15];
  }
  return `${out.slice(0, 8)}-${out.slice(8, 12)}-4${out.slice(13, 16)}-${HEX[8 + (Number.parseInt(out[16]!, 16) & 3)]}${out.slice(17, 20)}-${out.slice(20, 32)}`;
}

/**
 * An e-prescription number in the format the pharmacies read (`@civitas/contracts/health/
 * prescription-number.ts`: 11 characters without look-alikes and a check character), drawn from
 * the seeded random source.
 */
export function prescriptionNumberFrom(random: Random, salt?: Random): string {
  return numberFrom((below) => (random.int(0, below - 1) + (salt ? salt.int(0, below - 1) : 0)) % below);
}

export function fullName(subject: Pick<HealthSubject, 'givenName' | 'familyName'>): string {
  return `${subject.givenName} ${subject.familyName}`;
}
