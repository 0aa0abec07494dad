export const DATA_USAGE_PATH = '/data-usage';
