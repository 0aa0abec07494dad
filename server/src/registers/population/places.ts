/** Weighted lookups over the geography, built once: generators pick places millions of times. */

import { transliterate } from '@civitas/contracts/text/translit.ts';
import { type Random, WeightedTable } from '../../kernel/index.ts';
import {
  type Municipality,
  REGIONS,
  type Region,
  type Settlement,
  SOFIA_STREETS,
  STREETS,
} from '../instance/bg/geography.ts';

export interface Place {
  readonly region: Region;
  readonly municipality: Municipality;
  readonly settlement: Settlement;
  readonly settlementLatin: string;
  /** The region's main town, where its maternity wards and offices are. */
  readonly regionCentre: Settlement;
}

function placesOf(region: Region): Place[] {
  const centre = region.municipalities[0]!.settlements[0]!;
  return region.municipalities.flatMap((municipality) =>
    municipality.settlements.map((settlement) => ({
      region,
      municipality,
      settlement,
      settlementLatin: transliterate(settlement.name),
      regionCentre: centre,
    })),
  );
}

const PLACES_BY_REGION = new Map<string, readonly Place[]>(
  REGIONS.map((region) => [region.code, placesOf(region)]),
);

const PLACE_TABLE = new WeightedTable<Place>(
  REGIONS.flatMap((region) => {
    const places = PLACES_BY_REGION.get(region.code)!;
    const total = region.municipalities.reduce((sum, m) => sum + m.weight * m.settlements.length, 0);
    return places.map((place) => [place, (region.population * place.municipality.weight) / total] as const);
  }),
);

const PLACE_BY_EKATTE = new Map<string, Place>(
  PLACE_TABLE.values.map((place) => [place.settlement.ekatte, place]),
);

/** A settlement anywhere in Bulgaria, weighted by population. */
export function randomPlace(random: Random): Place {
  return PLACE_TABLE.pick(random);
}

/** A settlement in the given region, weighted by municipality population. */
export function randomPlaceInRegion(random: Random, regionCode: string): Place {
  const places = PLACES_BY_REGION.get(regionCode);
  if (!places) throw new RangeError(`unknown region ${regionCode}`);
  let total = 0;
  for (const place of places) total += place.municipality.weight;
  let target = random.next() * total;
  for (const place of places) {
    target -= place.municipality.weight;
    if (target < 0) return place;
  }
  return places[places.length - 1]!;
}

export function placeByEkatte(ekatte: string): Place | undefined {
  return PLACE_BY_EKATTE.get(ekatte);
}

export function regionCentrePlace(place: Place): Place {
  return PLACE_BY_EKATTE.get(place.regionCentre.ekatte) ?? place;
}

export function randomStreet(random: Random, place: Place): string {
  if (place.region.code === 'BG-22' && random.chance(0.4)) return random.pick(SOFIA_STREETS);
  return random.pick(STREETS);
}

const PLACE_BY_NAME = new Map<string, Place>(
  PLACE_TABLE.values.map((place) => [`${place.municipality.name}\u0000${place.settlement.name}`, place]),
);

/** A settlement by its municipality's and its own name, as a person writes them on an address card. */
export function placeByName(municipalityName: string, settlementName: string): Place | undefined {
  return PLACE_BY_NAME.get(`${municipalityName.trim()}\u0000${settlementName.trim()}`);
}
