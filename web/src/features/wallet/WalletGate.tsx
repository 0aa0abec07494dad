import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { deviceUnlockAvailable } from './device-unlock.ts';
import { PinForm } from './PinForm.tsx';
import type { OpenWallet } from './vault.ts';
import { deviceLockOf } from './vault.ts';
import {
  openWithDevice,
  openWithPin,
  removeWalletFromDevice,
  setUpWallet,
  useWalletState,
} from './wallet-session.ts';

/** Shows its children with the open wallet; otherwise sets the wallet up or unlocks it first. */
export function WalletGate({ children }: { children: (wallet: OpenWallet) => ReactNode }) {
  const { t } = useTranslation();
  const state = useWalletState();
  switch (state.kind) {
    case 'checking':
      return <LoadingIndicator label={t('wallet.opening')} />;
    case 'absent':
      return <SetUpWallet />;
    case 'locked':
      return <UnlockWallet reason={state.reason} />;
    case 'open':
      return children(state.wallet);
  }
}

function SetUpWallet() {
  const { t } = useTranslation();
  return (
    <Card title={t('wallet.setUp.title')}>
      <div className="stack">
        <p>{t('wallet.setUp.intro')}</p>
        <p>{t('wallet.setUp.device')}</p>
        <PinForm
          confirm
          submitLabel={t('wallet.setUp.submit')}
          onPin={async (pin) => {
            await setUpWallet(pin);
            return null;
          }}
        />
      </div>
    </Card>
  );
}

function UnlockWallet({ reason }: { reason: 'start' | 'inactivity' | 'asked' }) {
  const { t } = useTranslation();
  const [forgotten, setForgotten] = useState(false);
  return (
    <Card title={t('wallet.unlock.title')}>
      <div className="stack">
        {reason === 'inactivity' && <Alert tone="info">{t('wallet.unlock.lockedInactive')}</Alert>}
        <OpenWithDevice />
        <PinForm
          confirm={false}
          submitLabel={t('wallet.unlock.submit')}
          onPin={async (pin) => {
            const outcome = await openWithPin(pin);
            if (outcome === 'opened') return null;
            return outcome === 'wrong' ? 'wallet.pin.wrong' : `wallet.pin.wait|${outcome.waitSeconds}`;
          }}
        />
        {forgotten ? (
          <RemoveWalletConfirm onCancel={() => setForgotten(false)} />
        ) : (
          <div>
            <Button variant="secondary" onClick={() => setForgotten(true)}>
              {t('wallet.unlock.forgotten')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}

/** The platform authenticator's button, where the person turned it on for this wallet. */
function OpenWithDevice() {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    void (async () => {
      const on = (await deviceUnlockAvailable()) && (await deviceLockOf()) !== undefined;
      if (live) setShown(on);
    })();
    return () => {
      live = false;
    };
  }, []);
  if (!shown) return null;
  return (
    <div className="stack">
      {failed && <Alert tone="error">{t('wallet.device.openFailed')}</Alert>}
      <div>
        <Button
          onClick={() => {
            setFailed(false);
            void openWithDevice().then((outcome) => setFailed(outcome === 'failed'));
          }}
        >
          {t('wallet.device.open')}
        </Button>
      </div>
      <p>{t('wallet.device.orPin')}</p>
    </div>
  );
}

/** "Remove wallet": asks once more, then deletes every document, key and history entry here. */
export function RemoveWalletConfirm({ onCancel }: { onCancel: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" title={t('wallet.remove.confirmTitle')}>
      <p>{t('wallet.remove.confirmText')}</p>
      <div className="wallet-actions">
        <Button onClick={() => void removeWalletFromDevice()}>{t('wallet.remove.confirm')}</Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('wallet.remove.cancel')}
        </Button>
      </div>
    </Alert>
  );
}
