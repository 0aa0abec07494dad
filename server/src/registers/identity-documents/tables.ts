/** Identity documents register (schema `identity_documents`). */
export type DocumentKind = 'id_card' | 'passport';
export type DocumentStatus = 'valid' | 'lost' | 'stolen' | 'destroyed';

export interface IdentityDocumentRow {
  number: string;
  egn: string;
  kind: DocumentKind;
  issued_on: string;
  valid_until: string;
  issuer: string;
  status: DocumentStatus;
}

export interface IdentityDocumentTables {
  'identity_documents.documents': IdentityDocumentRow;
}
