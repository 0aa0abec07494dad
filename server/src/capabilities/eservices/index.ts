/**
 * The e-services: services declared as data (`catalogue/<code>.json`), the catalogue, each
 * service's form prefilled from the registers with eligibility decided first (once-only), and the
 * resident parking permit's own prefill.
 */
export { DeclarationError, loadCatalogue, type ServiceCatalogue } from './declarations/load.ts';
export { eservicesErrors } from './errors.ts';
export { parkingPermitEligibility, prefillAccess } from './policy.ts';
export { type EservicesOptions, eservicesPlugin, type ParkingPermitOptions } from './routes.ts';
export { ParkingPermitService } from './service.ts';

/** The folder of the declarations this platform offers. */
export const CATALOGUE_FOLDER = new URL('./catalogue/', import.meta.url);
