/** The e-services: the resident parking permit, prefilled from the registers (once-only). */
export { parkingPermitEligibility, prefillAccess } from './policy.ts';
export { type ParkingPermitOptions, parkingPermitRoutes } from './routes.ts';
export { ParkingPermitService } from './service.ts';
