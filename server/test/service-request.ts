import type { ServiceRequest } from '../src/exchange/service-definition.ts';

/** A register service's request with nothing but its path parameters (which the tests pass). */
export const bareRequest: ServiceRequest = {
  method: 'GET',
  path: '/',
  query: new URLSearchParams(),
  body: null,
  dataSubject: null,
  caller: null,
};
