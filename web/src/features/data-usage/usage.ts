/** The contract of GET /api/me/data-usage: who accessed the signed-in person's data, newest first. */
export interface DataUsagePage {
  /** How many records match the filters (all pages). */
  total: number;
  items: UsageRecord[];
  /** Every organisation in the person's visible records, for the filter (not only this page's). */
  organisations: Organisation[];
  purposes: string[];
}

export interface Organisation {
  /** The exchange subsystem, e.g. 'BG/GOV/177547175/civitas-portal'. */
  id: string;
  name: string;
  systemName: string;
}

export interface UsageRecord {
  id: string;
  /** The position of the record's entry in the public transparency log. */
  logIndex: number;
  logTime: string;
  initiatorOrg: Organisation;
  /** The official's name as their administration registered it (never a personal number). */
  initiatorPerson: string | null;
  /** The same name in Latin letters. */
  initiatorPersonLatin: string | null;
  /** The person asked for their own data. */
  self: boolean;
  receiver: Organisation & { service: string };
  purpose: string;
  legalBasis: string;
  caseRef: string | null;
  dataCategories: string[];
  queryId: string;
  /** Set when the record was hidden from the person for a while (it is listed once disclosed). */
  hiddenUntil: string | null;
  hiddenReason: string | null;
  /** The log entry's bytes (canonical JSON), base64. */
  entry: string;
  /** The salt of the entry's commitment to the person. */
  nonce: string;
}

/** The public log's witnesses and keys (GET /log/witnesses). */
export interface LogWitnesses {
  origin: string;
  logKey: string;
  witnesses: Array<{ name: string; vkey: string }>;
}

/** An inclusion proof as GET /log/proof/inclusion answers it (hashes in base64). */
export interface InclusionProofResponse {
  index: number;
  size: number;
  leafHash: string;
  proof: string[];
}
