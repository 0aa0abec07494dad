import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { WALLET_DESK_PATH } from './paths.ts';

/** The workspace's way to the wallet desk, for officials (who may make offers). */
export function WalletDeskLink() {
  const { t } = useTranslation();
  const roles = useSessionRoles();
  if (!roles.includes('official')) return null;
  return (
    <p>
      <Link href={WALLET_DESK_PATH}>{t('walletDesk.workspaceLink')}</Link>
    </p>
  );
}
