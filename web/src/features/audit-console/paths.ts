/** The auditor's console. */
export const AUDIT_PATH = '/audit';
