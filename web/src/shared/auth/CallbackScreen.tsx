import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { navigate } from '../../app/routing/router.ts';
import { landingPath } from '../../app/shell/workspaces.ts';
import { Alert } from '../ui/Alert.tsx';
import { Button, buttonClassName } from '../ui/Button.tsx';
import { LoadingIndicator } from '../ui/LoadingIndicator.tsx';
import { PageHeading } from '../ui/PageHeading.tsx';
import { completeSignIn } from './complete-sign-in.ts';
import { clearNotice } from './notice.ts';
import { sessionRoles } from './session-roles.ts';
import { saveSession } from './session-store.ts';
import { classifySignInFailure, type SignInFailure } from './sign-in-failure.ts';
import { startSignIn } from './start-sign-in.ts';

/** Where the eID node sends the browser back, with ?code&state or ?error&error_description. */
export function CallbackScreen() {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<SignInFailure | null>(null);

  useEffect(() => {
    let mounted = true;
    completeSignIn(location.href).then(
      (session) => {
        saveSession(session);
        clearNotice();
        // Replace, so Back does not return to a used authorization code. A role's workspace
        // is where its holder starts; everyone else starts on their profile.
        navigate(landingPath(sessionRoles(session)), { replace: true });
      },
      (error: unknown) => {
        console.warn('sign-in failed', error);
        if (mounted) setFailure(classifySignInFailure(error));
      },
    );
    return () => {
      mounted = false;
    };
  }, []);

  if (!failure) {
    return (
      <div className="stack">
        <PageHeading title={t('callback.pendingTitle')}>{t('callback.pendingTitle')}</PageHeading>
        <LoadingIndicator label={t('callback.pending')} />
      </div>
    );
  }
  return <SignInFailed failure={failure} />;
}

function SignInFailed({ failure }: { failure: SignInFailure }) {
  const { t, i18n } = useTranslation();
  const [retryFailed, setRetryFailed] = useState(false);

  async function retry() {
    try {
      await startSignIn(i18n.resolvedLanguage ?? i18n.language);
    } catch {
      setRetryFailed(true);
    }
  }

  return (
    <div className="stack">
      <PageHeading title={t('callback.failedTitle')}>{t('callback.failedTitle')}</PageHeading>
      <Alert tone="error">
        <p>{t(`callback.${failure.reason}`)}</p>
        {failure.description && <p>{t('callback.providerSaid', { description: failure.description })}</p>}
      </Alert>
      {retryFailed && <Alert tone="error">{t('signIn.startFailed')}</Alert>}
      <div className="button-group">
        <Button onClick={retry}>{t('callback.retry')}</Button>
        <Link href="/" className={buttonClassName('secondary')}>
          {t('callback.backToStart')}
        </Link>
      </div>
    </div>
  );
}
