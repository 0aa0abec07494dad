import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VEHICLE_CHECK_PATH } from '../../features/vehicle-dossier/paths.ts';
import { clearNotice, peekNotice } from '../../shared/auth/notice.ts';
import { startSignIn } from '../../shared/auth/start-sign-in.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { Link } from '../routing/Link.tsx';

export function SignInScreen() {
  const { t, i18n } = useTranslation();
  // Read once: the notice explains how the person got here, and is gone on the next visit.
  const [notice] = useState(peekNotice);
  useEffect(() => clearNotice(), []);
  const [status, setStatus] = useState<'idle' | 'redirecting' | 'failed'>('idle');

  async function signIn() {
    if (status === 'redirecting') return;
    setStatus('redirecting');
    try {
      await startSignIn(i18n.resolvedLanguage ?? i18n.language);
    } catch (error) {
      console.error('could not start sign-in', error);
      setStatus('failed');
    }
  }

  return (
    <div className="stack">
      {notice && <Alert tone="info">{t(`notices.${notice}`)}</Alert>}
      <PageHeading title={t('signIn.title')}>{t('signIn.title')}</PageHeading>
      <p className="lead">{t('signIn.intro')}</p>
      <p>{t('signIn.howItWorks')}</p>
      {status === 'failed' && <Alert tone="error">{t('signIn.startFailed')}</Alert>}
      <div className="button-group">
        <Button className="button--large" onClick={signIn}>
          {t('signIn.button')}
        </Button>
      </div>
      {status === 'redirecting' && <p role="status">{t('signIn.redirecting')}</p>}
      <Card title={t('signIn.vehicleCheckTitle')}>
        <p>{t('signIn.vehicleCheckText')}</p>
        <p>
          <Link href={VEHICLE_CHECK_PATH}>{t('signIn.vehicleCheckLink')}</Link>
        </p>
      </Card>
    </div>
  );
}
