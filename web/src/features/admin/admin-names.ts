import type { RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import type { TFunction } from 'i18next';
import { type LocalName, organisationNames } from '../../shared/i18n/code-labels.tsx';
import type { LocaleResource } from '../../shared/i18n/languages.ts';

type ServiceCode = keyof LocaleResource['admin']['services'];

// The services the app has words for: the English file's list (only its `admin` block is bundled).
const englishAdmin = Object.values(
  import.meta.glob<LocaleResource['admin']>('../../shared/i18n/locales/en.json', {
    eager: true,
    import: 'admin',
  }),
)[0];
const isServiceCode = (value: string): value is ServiceCode =>
  Object.hasOwn(englishAdmin?.services ?? {}, value);

/** The registry's own (Bulgarian) names of a subsystem and its member, by subsystem id. */
function registered(registry: RegistryView, subsystemId: string) {
  for (const member of registry.members) {
    const subsystem = member.subsystems.find((candidate) => candidate.id === subsystemId);
    if (subsystem) return { name: member.name, systemName: subsystem.name, subsystem };
  }
  return null;
}

/** A client (subsystem or global group) in words: its administration and system. */
export function clientName(clientId: string, registry: RegistryView, t: TFunction): LocalName[] {
  if (clientId.startsWith('group:')) return [{ text: t('admin.rights.group', { code: clientId.slice(6) }) }];
  const known = registered(registry, clientId);
  const names = organisationNames(
    { id: clientId, name: known?.name ?? clientId, systemName: known?.systemName ?? '' },
    t,
  );
  return [names.administration, names.system].filter((name) => name.text !== '');
}

/** A service in words: the register that provides it, and what it answers. */
export function serviceName(serviceId: string, registry: RegistryView, t: TFunction): LocalName[] {
  const subsystemId = serviceId.split('/').slice(0, 4).join('/');
  const code = serviceId.split('/').slice(4).join('/');
  const known = registered(registry, subsystemId);
  const { system } = organisationNames(
    { id: subsystemId, name: known?.name ?? '', systemName: known?.systemName ?? subsystemId },
    t,
  );
  const service = known?.subsystem.services.find((candidate) => candidate.id === serviceId);
  const what: LocalName = isServiceCode(code)
    ? { text: t(`admin.services.${code}`) }
    : { text: service?.name ?? code };
  return [system, what];
}

/** One line for a select option or a sentence: the names joined. */
export function joined(names: readonly LocalName[]): string {
  return names.map((name) => name.text).join(' – ');
}
