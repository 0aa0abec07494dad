import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { Link } from '../routing/Link.tsx';
import { Redirect } from './Redirect.tsx';
import { roleNames } from './role-names.ts';
import { landingPath, WORKSPACES } from './workspaces.ts';

/**
 * A workspace's screen, for its roles only. Anyone else who navigates there is told, in words, that it is
 * not for their role (not "page not found": the address is right). The API refuses them anyway.
 */
export function RoleGate({ workspace, children }: { workspace: string; children: ReactNode }) {
  const mine = useSessionRoles();
  const roles = WORKSPACES.find((candidate) => candidate.path === workspace)?.roles ?? [];
  if (roles.some((role) => mine.includes(role))) return children;
  return <NotForYourRoleScreen roles={roles} yours={mine} />;
}

function NotForYourRoleScreen({ roles, yours }: { roles: readonly string[]; yours: readonly string[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return (
    <div className="stack">
      <PageHeading title={t('roleAccess.title')}>{t('roleAccess.title')}</PageHeading>
      <p>{t('roleAccess.body', { roles: roleNames(roles, 'holders', t, language) })}</p>
      <p>{t('roleAccess.yours', { roles: roleNames(yours, 'titles', t, language) })}</p>
      <p>
        <Link href={landingPath(yours)}>{t('roleAccess.home')}</Link>
      </p>
    </div>
  );
}

/** Where `/` leads a signed-in person: their workspace, or their profile. */
export function LandingRedirect() {
  return <Redirect to={landingPath(useSessionRoles())} />;
}
