/** The administrator's console of the register exchange. */
export const ADMIN_PATH = '/admin';
