import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { hasNavigatedWithinApp } from '../../app/routing/router.ts';

/**
 * The one h1 of a screen. It also titles the browser tab and, after an in-app navigation,
 * takes focus so screen readers announce the new screen (a full page load does that itself).
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} – ${t('app.name')}`;
  }, [title, t]);

  useEffect(() => {
    if (hasNavigatedWithinApp()) ref.current?.focus();
  }, []);

  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
