/**
 * Calendar dates as day numbers (days since 1970-01-01, proleptic Gregorian), so generators can do date
 * arithmetic on plain integers and format each date once instead of allocating a Date per row.
 * Civil-from-days after Howard Hinnant's public-domain algorithms.
 */

export function dayFromParts(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function partsFromDay(dayNumber: number): DateParts {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_LENGTHS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_LENGTHS[month - 1] ?? 0);
}

export function isValidDateParts(year: number, month: number, day: number): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of an ISO `YYYY-MM-DD` date; throws on anything else, including impossible dates. */
export function dayFromIso(iso: string): number {
  const match = ISO_DATE.exec(iso);
  const year = Number(match?.[1]);
  const month = Number(match?.[2]);
  const day = Number(match?.[3]);
  if (!match || !isValidDateParts(year, month, day)) throw new RangeError(`not an ISO date: ${iso}`);
  return dayFromParts(year, month, day);
}

// Generators format the same ~40k days millions of times; a lazily filled cache makes that a lookup.
const CACHE_FROM = dayFromParts(1850, 1, 1);
const CACHE_TO = dayFromParts(2150, 1, 1);
const isoCache: (string | undefined)[] = new Array(CACHE_TO - CACHE_FROM);

export function isoFromDay(dayNumber: number): string {
  const inCache = dayNumber >= CACHE_FROM && dayNumber < CACHE_TO;
  if (inCache) {
    const cached = isoCache[dayNumber - CACHE_FROM];
    if (cached !== undefined) return cached;
  }
  const { year, month, day } = partsFromDay(dayNumber);
  const iso = `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
  if (inCache) isoCache[dayNumber - CACHE_FROM] = iso;
  return iso;
}

/** Day number of the same calendar day `years` later; 29 February becomes 28 February in common years. */
export function addYears(dayNumber: number, years: number): number {
  const { year, month, day } = partsFromDay(dayNumber);
  const target = year + years;
  return dayFromParts(target, month, Math.min(day, daysInMonth(target, month)));
}

/** Whole years between two day numbers (age on `onDay` of someone born on `birthDay`). */
export function yearsBetween(birthDay: number, onDay: number): number {
  const b = partsFromDay(birthDay);
  const o = partsFromDay(onDay);
  const beforeBirthday = o.month < b.month || (o.month === b.month && o.day < b.day);
  return o.year - b.year - (beforeBirthday ? 1 : 0);
}
