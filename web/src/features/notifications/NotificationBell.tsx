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
      <svg
        className="notification-bell__icon"
        viewBox="0 0 24 24"
        width="18"
        height="18"
        aria-hidden="true"
        focusable="false"
      >
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
        />
      </svg>
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
