import type { AccessRightView } from '@civitas/contracts/api/exchange-admin.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { AccessRightsCard } from './AccessRightsCard.tsx';
import { loadAccessRights, loadRegistry } from './exchange-admin.ts';
import { GrantRightCard } from './GrantRightCard.tsx';
import { MembersCard } from './MembersCard.tsx';
import { MonitoringCard } from './MonitoringCard.tsx';
import { SystemStatusCard } from './SystemStatusCard.tsx';
import './Admin.css';

/**
 * The administrator's console of the register exchange: access rights as purpose–legal basis
 * pairs (list, grant, revoke; every change audited), the members and their services, monitoring.
 */
export function AdminScreen() {
  const { t } = useTranslation();
  const registry = useApiResource(loadRegistry);
  const rights = useApiResource(loadAccessRights);
  // After a grant or a revocation the list loads again; the screen keeps the last one meanwhile,
  // so the form and the outcome messages stay where they are.
  const [shownRights, setShownRights] = useState<AccessRightView[] | null>(null);
  useEffect(() => {
    if (rights.state.kind === 'loaded') setShownRights(rights.state.value);
  }, [rights.state]);
  const failed =
    registry.state.kind === 'failed'
      ? registry.state.error
      : rights.state.kind === 'failed'
        ? rights.state.error
        : null;

  return (
    <div className="stack">
      <PageHeading title={t('admin.title')}>{t('admin.title')}</PageHeading>
      <p className="lead">{t('admin.intro')}</p>
      {failed !== null ? (
        <Alert tone="error" title={t('admin.loadFailed')}>
          <p>
            {failed instanceof ApiError && failed.status === 403
              ? t('admin.forbidden')
              : describeError(failed, t).title}
          </p>
          <Button
            onClick={() => {
              registry.retry();
              rights.retry();
            }}
          >
            {t('admin.retry')}
          </Button>
        </Alert>
      ) : registry.state.kind !== 'loaded' || shownRights === null ? (
        <LoadingIndicator label={t('admin.loading')} />
      ) : (
        <>
          <AccessRightsCard registry={registry.state.value} rights={shownRights} onChanged={rights.retry} />
          <GrantRightCard registry={registry.state.value} onGranted={rights.retry} />
          <MembersCard registry={registry.state.value} />
          <MonitoringCard registry={registry.state.value} />
          <SystemStatusCard />
        </>
      )}
    </div>
  );
}
