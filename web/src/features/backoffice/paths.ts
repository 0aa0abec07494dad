export const BACKOFFICE_PATH = '/backoffice';
