/**
 * The party a client acts for (X-Road's third-party representation: `X-Road-Represented-Party`,
 * `[{partyClass}/]{partyCode}`), e.g. `COM/130362383` for a company by its EIK.
 */
export interface RepresentedParty {
  partyClass: string | null;
  partyCode: string;
}

/** What the register of companies says of the user and the party (see `RepresentationCheck`). */
export type Representation = 'may-represent' | 'may-not-represent' | 'unknown-party';

/**
 * Whether the person the request is made by (`X-Road-UserId`) may represent the party: the
 * composition answers it from the commercial register. A node without one refuses every
 * request that names a represented party.
 */
export type RepresentationCheck = (party: RepresentedParty, userId: string) => Promise<Representation>;
