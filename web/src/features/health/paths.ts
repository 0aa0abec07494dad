/** The citizen's "My health" tab: their health record and their children's. */
export const HEALTH_PATH = '/health';
