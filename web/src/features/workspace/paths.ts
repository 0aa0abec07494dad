/** The official's and police officer's lookup. */
export const WORKSPACE_PATH = '/workspace';
