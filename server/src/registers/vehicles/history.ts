/**
 * The life of one synthetic vehicle as day numbers, decided once by the vehicle generator and read by the
 * inspection, insurance, fine and tax generators so their rows agree with each other.
 */

import type { Seed } from '../../kernel/index.ts';
import type { Region } from '../instance/bg/geography.ts';
import type { OwnerKind } from './tables.ts';

export interface Ownership {
  fromDay: number;
  /** Exclusive end: the next owner's first day, or the end of the vehicle's active life. */
  toDay: number;
  ownerKind: OwnerKind;
  ownerId: string;
  region: Region;
  municipalityName: string;
  plate: string;
}

export interface VehicleAnomalies {
  odometerRollback: boolean;
  lapsedInsurance: boolean;
  unpaidFine: boolean;
  stolenSinceDay: number | null;
}

export interface VehicleHistory {
  seed: Seed;
  index: number;
  vin: string;
  category: string;
  powerKw: number;
  engineCc: number;
  modelYear: number;
  firstRegistrationDay: number;
  /** First registration in Bulgaria (later than the first registration for used imports). */
  importDay: number;
  /** Last day the vehicle was in use: deregistration, theft, or today. */
  activeUntilDay: number;
  ownerships: Ownership[];
  anomalies: VehicleAnomalies;
  /** Whether the vehicle must stay free of anomalies (the clean demo car). */
  clean: boolean;
}
