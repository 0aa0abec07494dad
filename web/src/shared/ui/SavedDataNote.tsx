import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/use-formatters.ts';
import { Alert } from './Alert.tsx';
import { Button } from './Button.tsx';

/** Offline: the screen shows what was saved when it last loaded, and says from when. */
export function SavedDataNote({ savedAt, onRetry }: { savedAt: number | null; onRetry: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  if (savedAt === null) return null;
  return (
    <Alert
      tone="info"
      title={t('savedData.offline', { time: format.dateTime(new Date(savedAt).toISOString()) })}
    >
      <p>{t('savedData.explanation')}</p>
      <Button onClick={onRetry}>{t('savedData.retry')}</Button>
    </Alert>
  );
}
