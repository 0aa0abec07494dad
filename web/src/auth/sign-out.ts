import { navigate } from '../routing/router.ts';
import { endSessionUrl } from './end-session-url.ts';
import { setNotice } from './notice.ts';
import { oidcSettings } from './oidc-settings.ts';
import { clearSession, forgetSessionBeforeLeaving, readSession } from './session-store.ts';

/**
 * Forgets the token, so the person is signed out of this app whatever happens next, then ends
 * the eID node's session too when the node supports RP-initiated logout.
 */
export function signOut(): void {
  const session = readSession();
  const url = session && endSessionUrl(session, oidcSettings(location.origin).postLogoutRedirectUri);
  setNotice('signedOut');
  if (url) {
    // Not clearSession(): re-rendering now would flash the sign-in screen, which would consume
    // the notice meant for the person's return from the eID node.
    forgetSessionBeforeLeaving();
    location.assign(url);
  } else {
    clearSession();
    navigate('/', { replace: true });
  }
}
