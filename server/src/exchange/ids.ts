/**
 * X-Road identifiers: a member `INSTANCE/CLASS/CODE`, a subsystem `INSTANCE/CLASS/CODE/SUBSYSTEM`
 * and a service `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE`.
 */
export interface MemberId {
  instance: string;
  memberClass: string;
  memberCode: string;
}

export interface SubsystemId extends MemberId {
  subsystem: string;
}

export interface ServiceId extends SubsystemId {
  service: string;
}

const PART = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function parts(value: string, count: number): string[] | null {
  const split = value.split('/');
  if (split.length !== count || !split.every((part) => PART.test(part))) return null;
  return split;
}

export function parseSubsystemId(value: string): SubsystemId | null {
  const split = parts(value, 4);
  if (!split) return null;
  const [instance, memberClass, memberCode, subsystem] = split as [string, string, string, string];
  return { instance, memberClass, memberCode, subsystem };
}

export function parseServiceId(value: string): ServiceId | null {
  const split = parts(value, 5);
  if (!split) return null;
  const [instance, memberClass, memberCode, subsystem, service] = split as [
    string,
    string,
    string,
    string,
    string,
  ];
  return { instance, memberClass, memberCode, subsystem, service };
}

export function memberIdOf(id: MemberId): string {
  return `${id.instance}/${id.memberClass}/${id.memberCode}`;
}

export function subsystemIdOf(id: SubsystemId): string {
  return `${memberIdOf(id)}/${id.subsystem}`;
}

export function serviceIdOf(id: ServiceId): string {
  return `${subsystemIdOf(id)}/${id.service}`;
}

export function isValidIdPart(value: string): boolean {
  return PART.test(value);
}
