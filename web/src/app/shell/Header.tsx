import { useTranslation } from 'react-i18next';
import { DATA_USAGE_PATH } from '../../features/data-usage/paths.ts';
import { SERVICES_PATH } from '../../features/eservices/paths.ts';
import { HEALTH_PATH } from '../../features/health/paths.ts';
import { MAILBOX_PATH } from '../../features/mailbox/paths.ts';
import { NotificationBell } from '../../features/notifications/NotificationBell.tsx';
import { PAYMENTS_PATH } from '../../features/payments/paths.ts';
import { WALLET_PATH } from '../../features/wallet/paths.ts';
import { signOut } from '../../shared/auth/sign-out.ts';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { LanguageSelect } from '../../shared/i18n/LanguageSelect.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Link } from '../routing/Link.tsx';
import { workspacesFor } from './workspaces.ts';
import './Header.css';

export function Header({ signedIn, pathname }: { signedIn: boolean; pathname: string }) {
  const { t } = useTranslation();
  const workspaces = workspacesFor(useSessionRoles());
  return (
    <header className="site-header">
      <div className="page-width site-header__bar">
        <Link href="/" className="site-header__brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span>{t('app.name')}</span>
          <span className="site-header__tagline">{t('app.tagline')}</span>
        </Link>
        <div className="site-header__tools">
          <LanguageSelect />
          {signedIn && (
            <Button variant="inverse" onClick={() => void signOut()}>
              {t('shell.signOut')}
            </Button>
          )}
        </div>
      </div>
      {signedIn && (
        <nav className="site-nav" aria-label={t('shell.mainNavigation')}>
          <ul className="page-width site-nav__list">
            {workspaces.map((workspace) => (
              <li key={workspace.path}>
                <Link href={workspace.path} aria-current={pathname === workspace.path ? 'page' : undefined}>
                  {t(workspace.navLabel)}
                </Link>
              </li>
            ))}
            <li>
              <Link href="/profile" aria-current={pathname === '/profile' ? 'page' : undefined}>
                {t('shell.myProfile')}
              </Link>
            </li>
            <li>
              <Link href={SERVICES_PATH} aria-current={pathname === SERVICES_PATH ? 'page' : undefined}>
                {t('shell.eServices')}
              </Link>
            </li>
            <li>
              <Link href={HEALTH_PATH} aria-current={pathname === HEALTH_PATH ? 'page' : undefined}>
                {t('shell.myHealth')}
              </Link>
            </li>
            <li>
              <Link href={MAILBOX_PATH} aria-current={pathname.startsWith(MAILBOX_PATH) ? 'page' : undefined}>
                {t('mailbox.nav')}
              </Link>
            </li>
            <li>
              <Link
                href={PAYMENTS_PATH}
                aria-current={pathname.startsWith(PAYMENTS_PATH) ? 'page' : undefined}
              >
                {t('payments.nav')}
              </Link>
            </li>
            <li>
              <NotificationBell pathname={pathname} />
            </li>
            <li>
              <Link href={DATA_USAGE_PATH} aria-current={pathname === DATA_USAGE_PATH ? 'page' : undefined}>
                {t('shell.dataUsage')}
              </Link>
            </li>
            <li>
              <WalletLink pathname={pathname} />
            </li>
          </ul>
        </nav>
      )}
      {/* The wallet belongs to the device and opens without signing in. */}
      {!signedIn && (
        <nav className="site-nav" aria-label={t('shell.mainNavigation')}>
          <ul className="page-width site-nav__list">
            <li>
              <WalletLink pathname={pathname} />
            </li>
          </ul>
        </nav>
      )}
    </header>
  );
}

function WalletLink({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const current = pathname === WALLET_PATH || pathname.startsWith(`${WALLET_PATH}/`);
  return (
    <Link href={WALLET_PATH} aria-current={current ? 'page' : undefined}>
      {t('shell.wallet')}
    </Link>
  );
}
