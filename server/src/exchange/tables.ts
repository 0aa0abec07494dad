import type { ColumnType, Generated } from 'kysely';
import type { PurposePair } from '../kernel/index.ts';

export interface MemberRow {
  member_id: string;
  member_class: string;
  member_code: string;
  name: string;
}
export interface SubsystemRow {
  subsystem_id: string;
  member_id: string;
  code: string;
  name: string;
}
export interface NodeRow {
  node_id: string;
  address: string;
  members: string[];
}
export interface ServiceRow {
  service_id: string;
  subsystem_id: string;
  name: string;
  description: string;
}
export interface GlobalGroupRow {
  code: string;
  description: string;
  members: string[];
}
export interface CertificateRow {
  serial: string;
  kind: 'ca' | 'registry' | 'tls' | 'signing';
  owner: string;
  certificate_pem: string;
  private_key_pem: string | null;
  revoked_at: Date | null;
  created_at: Date;
}
export interface AccessRightRow {
  id: string;
  client: string;
  service_id: string;
  endpoint: string | null;
  /** The purpose–basis pairs granted (jsonb); written as JSON text. */
  pairs: ColumnType<PurposePair[], string, string>;
  granted_by: string;
  granted_at: Date;
}
export interface MessageLogRow {
  seq: Generated<string>;
  node_id: string;
  side: 'consumer' | 'provider';
  message_id: string;
  client: string | null;
  service: string | null;
  method: string | null;
  path: string | null;
  user_id: string | null;
  purpose: string | null;
  legal_basis: string | null;
  case_ref: string | null;
  data_subject: string | null;
  /** `X-Road-Represented-Party`, when the request was made for a party the user represents (issue 18). */
  represented_party?: string | null;
  request_hash: string | null;
  response_hash: string | null;
  request_signature: string | null;
  response_signature: string | null;
  status: number;
  error_type: string | null;
  request_bytes: number;
  response_bytes: number;
  started_at: Date;
  duration_ms: number;
  request_body: string | null;
  response_body: string | null;
}
export interface AdminLogRow {
  seq: Generated<string>;
  actor: string;
  action: string;
  subject: string;
  details: string;
  at: Generated<Date>;
}

export interface ExchangeTables {
  'exchange.members': MemberRow;
  'exchange.subsystems': SubsystemRow;
  'exchange.nodes': NodeRow;
  'exchange.services': ServiceRow;
  'exchange.global_groups': GlobalGroupRow;
  'exchange.certificates': CertificateRow;
  'exchange.access_rights': AccessRightRow;
  'exchange.message_log': MessageLogRow;
  'exchange.admin_log': AdminLogRow;
}
