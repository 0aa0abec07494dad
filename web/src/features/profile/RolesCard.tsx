import { useTranslation } from 'react-i18next';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import './RolesCard.css';

const KNOWN_ROLES = ['citizen', 'official', 'doctor', 'pharmacist', 'police', 'auditor', 'admin'] as const;
type KnownRole = (typeof KNOWN_ROLES)[number];

const isKnownRole = (role: string): role is KnownRole => (KNOWN_ROLES as readonly string[]).includes(role);

export function RolesCard({ roles }: { roles: string[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('roles.title')}>
      <ul className="roles">
        {roles.map((role) => (
          <li key={role}>
            {/* A role added on the server before the app learns its name still shows, untranslated. */}
            <Badge tone="neutral">{isKnownRole(role) ? t(`roles.${role}`) : role}</Badge>
          </li>
        ))}
      </ul>
    </Card>
  );
}
