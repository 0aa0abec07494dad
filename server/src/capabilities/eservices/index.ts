/** The e-services: the resident parking permit, prefilled from the registers (once-only). */
export { parkingPermitEligibility, prefillAccess } from './policy.ts';
export { eservicesPlugin, type ParkingPermitOptions } from './routes.ts';
export { ParkingPermitService } from './service.ts';
