import { useTranslation } from 'react-i18next';

export function Footer() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <div className="page-width">
        <p>{t('shell.footer')}</p>
      </div>
    </footer>
  );
}
