/** The pharmacist's workspace: find a prescription by number or QR, dispense it. */
export const PHARMACY_PATH = '/pharmacy';
