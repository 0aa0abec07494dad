export const SERVICES_PATH = '/services';
export const PARKING_PERMIT_PATH = '/services/parking-permit';
