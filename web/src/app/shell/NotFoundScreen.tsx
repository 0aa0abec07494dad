import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { Link } from '../routing/Link.tsx';

export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.body')}</p>
      <p>
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </div>
  );
}
