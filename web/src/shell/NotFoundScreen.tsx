import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';

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
