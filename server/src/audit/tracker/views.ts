import { toBase64 } from '@civitas/tlog';
import type { StaffName } from '../../identity/index.ts';
import type { UsageRow } from '../tables.ts';
import { type UsageViewer, usagePolicy } from './policy.ts';
import { type HiddenCase, type OrganisationLookup, subsystemOfService } from './store.ts';

/** A usage record as its viewer is shown it (what each viewer may see: `usagePolicy`). */
export function usageView(
  row: UsageRow & { entry: Uint8Array },
  viewer: UsageViewer,
  names: ReadonlyMap<string, StaffName>,
  organisationOf: OrganisationLookup,
) {
  const receiver = organisationOf(subsystemOfService(row.receiver));
  const self = row.initiator_person === row.data_subject;
  const official = row.initiator_person && !self ? names.get(row.initiator_person) : undefined;
  return {
    id: row.id,
    logIndex: Number(row.log_index),
    logTime: row.logged_at.toISOString(),
    initiatorOrg: organisationOf(row.initiator_org),
    initiatorPerson: official?.name ?? null,
    initiatorPersonLatin: official?.nameLatin ?? null,
    ...(usagePolicy.showsOfficialsNumber(viewer) && row.initiator_person
      ? { initiatorPersonalNumber: row.initiator_person }
      : {}),
    self,
    receiver: {
      id: receiver.id,
      name: receiver.name,
      systemName: receiver.systemName,
      service: row.receiver,
    },
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    caseRef: row.case_ref,
    dataCategories: row.data_categories,
    queryId: row.query_id,
    hiddenUntil: row.hidden_until?.toISOString() ?? null,
    hiddenReason: usagePolicy.showsHiddenReason(viewer, row.hidden_until) ? row.hidden_reason : null,
    entry: toBase64(row.entry),
    nonce: row.nonce,
  };
}

export type UsageView = ReturnType<typeof usageView>;

export function hiddenCaseView(row: HiddenCase, organisationOf: OrganisationLookup) {
  const organisation = organisationOf(row.initiator_org);
  return {
    caseRef: row.case_ref,
    organisation: row.initiator_org,
    organisationName: organisation.name,
    systemName: organisation.systemName,
    legalBasis: row.legal_basis,
    hiddenUntil: row.hidden_until.toISOString(),
    reason: row.reason,
    createdAt: row.created_at.toISOString(),
  };
}

export type HiddenCaseView = ReturnType<typeof hiddenCaseView>;
