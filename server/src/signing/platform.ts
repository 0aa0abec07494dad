import type { Connection } from '../db/index.ts';
import type { Catalogue } from '../exchange/index.ts';
import { SigningAuthority } from './authority.ts';
import { createSigningService, type SigningService } from './service.ts';

export interface PlatformSigningOptions {
  db: Connection;
  /** `CIVITAS_KEY_DIR`: the CA's and the e-seals' private keys. */
  keyDir: string;
  catalogue: Catalogue;
  /** The portal's client subsystem (full id): its member runs the signing CA. */
  portalClient: string;
  now?: () => Date;
}

/** The platform's signing service: its CA is run by the portal's member, in the instance's country. */
export function createPlatformSigning(options: PlatformSigningOptions): SigningService {
  const memberCode = options.portalClient.split('/').at(-2);
  const member = options.catalogue.members.find((candidate) => candidate.memberCode === memberCode);
  const authority = new SigningAuthority({
    db: options.db,
    keyDir: options.keyDir,
    country: options.catalogue.instance.slice(0, 2),
    organisation: member?.name ?? 'Civitas',
    ...(options.now && { now: options.now }),
  });
  return createSigningService({
    authority,
    catalogue: options.catalogue,
    ...(options.now && { now: options.now }),
  });
}
