import type { Generated } from 'kysely';

export interface DossierKeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created_at: Generated<Date>;
}
export interface DossierReportRow {
  reference: string;
  vin: string;
  viewer: 'public' | 'owner' | 'official' | 'police';
  issued_at: Date;
  partial: boolean;
  body_sha256: string;
  kid: string;
  pdf_sha256: string | null;
  requester: string | null;
}
export interface DossierTables {
  'dossier.keys': DossierKeyRow;
  'dossier.reports': DossierReportRow;
}
