import { useTranslation } from 'react-i18next';
import { useSessionRoles } from '../../shared/auth/use-session-roles.ts';
import { Alert } from '../../shared/ui/Alert.tsx';

/** Roles whose workspace is still to come: eHealth for doctors and pharmacists. */
const NOT_YET = ['doctor', 'pharmacist'] as const;

/**
 * On the landing page of a doctor or pharmacist: this is the citizen app with their own data,
 * not their professional workspace, which does not exist yet.
 */
export function NoWorkspaceNote() {
  const { t } = useTranslation();
  const roles = useSessionRoles();
  const role = NOT_YET.find((candidate) => roles.includes(candidate));
  if (!role) return null;
  return (
    <Alert tone="info" title={t(`roleAccess.notYet.${role}Title`)}>
      <p>{t('roleAccess.notYet.body')}</p>
    </Alert>
  );
}
