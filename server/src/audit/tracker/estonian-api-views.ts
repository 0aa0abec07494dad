import type { StaffName } from '../../identity/index.ts';
import type { UsageRow } from '../tables.ts';
import { type UsageViewer, usagePolicy } from './policy.ts';
import { type OrganisationLookup, type OrganisationRef, subsystemOfService } from './store.ts';

function v3Organisation(organisation: OrganisationRef) {
  const type = ['GOV', 'COM', 'NGO', 'NEE'].includes(organisation.memberClass)
    ? organisation.memberClass
    : 'GOV';
  return {
    type: type as 'GOV',
    code: organisation.memberCode,
    name: organisation.name,
    systemName: organisation.systemName,
  };
}

/** A usage record as a v3 `UsageTransfer`: the official by name, by personal number only to themselves or auditors. */
export function usageTransfer(
  row: UsageRow,
  names: ReadonlyMap<string, StaffName>,
  viewer: UsageViewer,
  organisationOf: OrganisationLookup,
  instanceId: string,
) {
  const self = row.initiator_person === row.data_subject;
  const name = row.initiator_person ? names.get(row.initiator_person)?.name : undefined;
  return {
    logTime: row.logged_at.toISOString(),
    purpose: row.purpose,
    logSourceSystem: 'Civitas',
    bulkProcessing: false,
    legalBasis: row.legal_basis,
    consentReference: null,
    queryId: row.query_id,
    queryGroupId: row.case_ref,
    hiddenReason: row.hidden_reason,
    hiddenUntil: row.hidden_until?.toISOString() ?? null,
    initiatorOrg: v3Organisation(organisationOf(row.initiator_org)),
    initiatorPerson: !row.initiator_person
      ? null
      : self || usagePolicy.showsOfficialsNumber(viewer)
        ? { code: `${instanceId}${row.initiator_person}`, ...(name ? { name } : {}) }
        : name
          ? { name }
          : null,
    target: v3Organisation(organisationOf(subsystemOfService(row.receiver))),
  };
}
