import { serviceIdIn } from '../src/exchange/catalogue.ts';
import { loadInstance } from '../src/registers/instance/index.ts';

/**
 * The Bulgarian instance the tests run as (the default instance), and the ids they address the
 * exchange with, as the configuration gives them.
 */
export const TEST_INSTANCE = loadInstance('bg');

export const PORTAL_CLIENT = TEST_INSTANCE.clients.portal;
export const MUNICIPALITY_CLIENT = TEST_INSTANCE.clients.municipality;
export const POLICE_CLIENT = TEST_INSTANCE.clients.police;
export const SUPERVISION_CLIENT = TEST_INSTANCE.clients.supervision;

/** The full id of a register's service in the test instance. */
export function serviceId(subsystem: string, service: string): string {
  return serviceIdIn(TEST_INSTANCE.catalogue, subsystem, service);
}
