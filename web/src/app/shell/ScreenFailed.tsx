import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';

export function ScreenFailed() {
  const { t } = useTranslation();
  return (
    <Alert tone="error" title={t('errors.screenFailed')}>
      <Button onClick={() => location.reload()}>{t('errors.reload')}</Button>
    </Alert>
  );
}
