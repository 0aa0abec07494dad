import { navigate } from '../../app/routing/router.ts';
import { deleteDpopKeys, forgetDpopHandles } from './dpop-key.ts';
import { endSessionUrl } from './end-session-url.ts';
import { setNotice } from './notice.ts';
import { oidcSettings } from './oidc-settings.ts';
import { clearSession, forgetSessionBeforeLeaving, readSession } from './session-store.ts';

/**
 * Forgets the token and the key it is bound to, so the person is signed out of this app
 * whatever happens next, then ends the eID node's session too (RP-initiated logout with the
 * ID token, which the node honours in one step and which revokes the tokens it issued).
 */
export async function signOut(): Promise<void> {
  const session = readSession();
  const url = session && endSessionUrl(session, oidcSettings(location.origin).postLogoutRedirectUri);
  setNotice('signedOut');
  forgetDpopHandles();
  await deleteDpopKeys().catch((error: unknown) => console.warn('could not delete the DPoP key', error));
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
