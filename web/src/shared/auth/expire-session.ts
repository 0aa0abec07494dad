import { navigate } from '../../app/routing/router.ts';
import { setNotice } from './notice.ts';
import { clearSession } from './session-store.ts';

/** The token is no longer good (expired, or the API answered 401): back to sign-in, saying why. */
export function expireSession(): void {
  clearSession();
  setNotice('sessionExpired');
  navigate('/', { replace: true });
}
