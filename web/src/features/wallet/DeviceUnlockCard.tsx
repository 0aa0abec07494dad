import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { deviceUnlockAvailable, registerDeviceCredential } from './device-unlock.ts';
import { PinForm } from './PinForm.tsx';
import { deviceLockOf, disableDeviceUnlock, enableDeviceUnlock } from './vault.ts';

type State = 'checking' | 'unavailable' | 'off' | 'on';

/**
 * "Open with this device's screen lock": the platform authenticator (fingerprint, face, screen
 * lock) opens the wallet as the PIN does. Turning it on asks for the PIN once more. Shown only
 * where the device has such an authenticator.
 */
export function DeviceUnlockCard() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>('checking');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      const available = await deviceUnlockAvailable();
      const lock = available ? await deviceLockOf() : undefined;
      if (live) setState(!available ? 'unavailable' : lock ? 'on' : 'off');
    })();
    return () => {
      live = false;
    };
  }, []);

  if (state === 'checking' || state === 'unavailable') return null;
  return (
    <Card title={t('wallet.device.title')}>
      <div className="stack">
        <p>{t('wallet.device.intro')}</p>
        {failed && <Alert tone="error">{t('wallet.device.failed')}</Alert>}
        {state === 'on' ? (
          <>
            <p>{t('wallet.device.isOn')}</p>
            <div>
              <Button
                variant="secondary"
                onClick={() => void disableDeviceUnlock().then(() => setState('off'))}
              >
                {t('wallet.device.turnOff')}
              </Button>
            </div>
          </>
        ) : (
          <PinForm
            confirm={false}
            submitLabel={t('wallet.device.turnOn')}
            onPin={async (pin) => {
              setFailed(false);
              let outcome: Awaited<ReturnType<typeof enableDeviceUnlock>>;
              try {
                outcome = await enableDeviceUnlock(pin, registerDeviceCredential);
              } catch {
                // Cancelled, or the authenticator has no PRF: nothing was stored.
                setFailed(true);
                return null;
              }
              if (outcome === 'enabled') {
                setState('on');
                return null;
              }
              return outcome === 'wrong' ? 'wallet.pin.wrong' : `wallet.pin.wait|${outcome.waitSeconds}`;
            }}
          />
        )}
      </div>
    </Card>
  );
}
