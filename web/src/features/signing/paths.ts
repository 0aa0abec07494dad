/** The public page that checks a signed document (under `/verify`, beside the vehicle reports' check). */
export const SIGNATURE_CHECK_PATH = '/verify/signature';
