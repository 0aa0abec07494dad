import type { RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import { useTranslation } from 'react-i18next';
import { organisationNames } from '../../shared/i18n/code-labels.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { serviceName } from './admin-names.ts';

/** The administrations of the exchange, their subsystems and the services each provides. */
export function MembersCard({ registry }: { registry: RegistryView }) {
  const { t } = useTranslation();
  return (
    <Card title={t('admin.members.title')}>
      <p>{t('admin.members.intro', { count: registry.members.length })}</p>
      <ul className="admin-list">
        {registry.members.map((member) => {
          const first = member.subsystems[0];
          const { administration } = organisationNames(
            { id: `${member.id}/${first?.code ?? ''}`, name: member.name, systemName: '' },
            t,
          );
          return (
            <li key={member.id} className="admin-list__item">
              <h3 lang={administration.lang}>{administration.text}</h3>
              <p className="secondary-text">
                {member.nodes.length > 0
                  ? t('admin.members.hostedOn', {
                      nodes: member.nodes.join(', '),
                      count: member.nodes.length,
                    })
                  : t('admin.members.notHosted')}
              </p>
              <ul className="admin-subsystems">
                {member.subsystems.map((subsystem) => {
                  const { system } = organisationNames(
                    { id: subsystem.id, name: member.name, systemName: subsystem.name },
                    t,
                  );
                  return (
                    <li key={subsystem.id}>
                      <span lang={system.lang} className="admin-subsystems__name">
                        {system.text}
                      </span>
                      {subsystem.services.length === 0 ? (
                        <span className="secondary-text"> – {t('admin.members.clientOnly')}</span>
                      ) : (
                        <ul className="admin-services">
                          {subsystem.services.map((service) => {
                            const [, what] = serviceName(service.id, registry, t);
                            return (
                              <li key={service.id} lang={what?.lang}>
                                {what?.text}
                              </li>
                            );
                          })}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
