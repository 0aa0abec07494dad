import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { fetchNotifications } from './notifications-api.ts';
import { NOTIFICATIONS_PATH } from './paths.ts';
import './Notifications.css';

const REFRESH_MS = 30_000;

/** The header's bell: how many notifications are unread, refreshed while the app is open. */
export function NotificationBell({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `pathname` is the trigger: a new screen may have read some.
  useEffect(() => {
    const controller = new AbortController();
    const load = () =>
      fetchNotifications(controller.signal).then(
        (list) => setUnread(list.unread),
        () => {},
      );
    void load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      controller.abort();
      clearInterval(timer);
    };
  }, [pathname]);
  return (
    <Link
      href={NOTIFICATIONS_PATH}
      className="notification-bell"
      aria-current={pathname === NOTIFICATIONS_PATH ? 'page' : undefined}
    >
      <span aria-hidden="true">🔔</span>
      {t('notifications.title')}
      {unread > 0 && (
        <span className="notification-bell__count" data-testid="unread-count">
          <span className="visually-hidden"> </span>
          {unread}
          <span className="visually-hidden"> {t('notifications.unread')}</span>
        </span>
      )}
    </Link>
  );
}
