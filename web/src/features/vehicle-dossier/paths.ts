/** The vehicle report screens' addresses. The verify path is printed (as a QR code) on every PDF. */
export const VEHICLE_CHECK_PATH = '/vehicle-check';
export const VERIFY_PATH = '/verify';

export const dossierPath = (vin: string) => `/vehicles/${encodeURIComponent(vin)}/dossier`;
export const verifyPath = (reference: string) => `${VERIFY_PATH}/${encodeURIComponent(reference)}`;

const DOSSIER = /^\/vehicles\/([^/]+)\/dossier\/?$/;
const VERIFY = /^\/verify(?:\/([^/]*))?\/?$/;

/** The VIN of a dossier path, or null when the path is not one. */
export function matchDossierPath(pathname: string): { vin: string } | null {
  const encoded = DOSSIER.exec(pathname)?.[1];
  const vin = encoded === undefined ? null : decodedSegment(encoded);
  return vin ? { vin } : null;
}

/** A verify path and its reference (null for `/verify` itself), or null when the path is not one. */
export function matchVerifyPath(pathname: string): { reference: string | null } | null {
  const match = VERIFY.exec(pathname);
  if (!match) return null;
  const encoded = match[1];
  if (!encoded) return { reference: null };
  const reference = decodedSegment(encoded);
  return reference ? { reference } : null;
}

function decodedSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
