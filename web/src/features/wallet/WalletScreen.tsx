import type { CredentialStatus } from '@civitas/wallet/formats.ts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routing/router.ts';
import { useSessionStatus } from '../../shared/auth/session-store.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { AddFromEid } from './AddFromEid.tsx';
import { DeviceUnlockCard } from './DeviceUnlockCard.tsx';
import { DocumentCard, shownStatus } from './DocumentCard.tsx';
import { DocumentDetails } from './DocumentDetails.tsx';
import { HistoryList } from './HistoryList.tsx';
import { walletPathForLink } from './link-routing.ts';
import { OfflinePresent } from './OfflinePresent.tsx';
import { isOfflineRequest } from './offline.ts';
import { ReportLostCard } from './ReportLostCard.tsx';
import { ScanOrPaste } from './ScanOrPaste.tsx';
import { fetchStatus } from './status-check.ts';
import type { HistoryEntry, OpenWallet, StoredCredential } from './vault.ts';
import { RemoveWalletConfirm, WalletGate } from './WalletGate.tsx';
import { lockWallet } from './wallet-session.ts';
import './Wallet.css';

export function WalletScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('wallet.title')}>{t('wallet.title')}</PageHeading>
      <WalletGate>{(wallet) => <WalletContents wallet={wallet} />}</WalletGate>
    </div>
  );
}

interface Loaded {
  credentials: StoredCredential[];
  history: HistoryEntry[];
}

function usePublishedStatuses(credentials: StoredCredential[] | undefined) {
  const [statuses, setStatuses] = useState<Record<string, CredentialStatus>>({});
  useEffect(() => {
    if (!credentials || !navigator.onLine) return;
    let current = true;
    for (const credential of credentials) {
      if (!credential.status) continue;
      void fetchStatus(credential.status).then((status) => {
        if (current && status) setStatuses((known) => ({ ...known, [credential.id]: status }));
      });
    }
    return () => {
      current = false;
    };
  }, [credentials]);
  return statuses;
}

function WalletContents({ wallet }: { wallet: OpenWallet }) {
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<Loaded>();
  const [openId, setOpenId] = useState<string | null>(null);
  const [removing, setRemoving] = useState(false);
  const statuses = usePublishedStatuses(loaded?.credentials);
  const signedIn = useSessionStatus().kind === 'active';
  const reload = useCallback(async () => {
    const [credentials, history] = await Promise.all([wallet.credentials(), wallet.history()]);
    setLoaded({ credentials, history });
  }, [wallet]);
  useEffect(() => void reload(), [reload]);
  const [offlineText, setOfflineText] = useState<string | null>(null);
  const onLink = useCallback((link: string) => {
    if (isOfflineRequest(link)) {
      setOfflineText(link);
      return null;
    }
    const path = walletPathForLink(link, location.origin);
    if (!path) return 'wallet.scan.notForWallet';
    navigate(path);
    return null;
  }, []);

  if (!loaded) return <LoadingIndicator label={t('wallet.opening')} />;
  if (offlineText) {
    const close = () => {
      setOfflineText(null);
      void reload();
    };
    return <OfflinePresent wallet={wallet} text={offlineText} onClose={close} />;
  }
  const now = new Date();
  const opened = loaded.credentials.find((credential) => credential.id === openId);
  if (opened) {
    return (
      <DocumentDetails
        credential={opened}
        status={shownStatus(opened, statuses[opened.id] ?? null, now)}
        onClose={() => setOpenId(null)}
        onDelete={() =>
          void wallet
            .deleteCredential(opened)
            .then(reload)
            .then(() => setOpenId(null))
        }
      />
    );
  }
  return (
    <>
      <div className="wallet-actions">
        <Button variant="secondary" onClick={() => lockWallet('asked')}>
          {t('wallet.lock')}
        </Button>
      </div>
      <Card title={t('wallet.documents.title')}>
        {loaded.credentials.length === 0 ? (
          <div className="stack">
            <p>{t('wallet.documents.empty')}</p>
            <p>{t('wallet.documents.emptyHow')}</p>
          </div>
        ) : (
          <ul className="wallet-documents">
            {loaded.credentials.map((credential) => (
              <DocumentCard
                key={credential.id}
                credential={credential}
                status={shownStatus(credential, statuses[credential.id] ?? null, now)}
                onOpen={() => setOpenId(credential.id)}
              />
            ))}
          </ul>
        )}
      </Card>
      <Card title={t('wallet.add.title')}>
        <div className="stack">
          <AddFromEid />
          <p>{t('wallet.add.intro')}</p>
          <ScanOrPaste onLink={onLink} />
        </div>
      </Card>
      <HistoryList entries={loaded.history} />
      <DeviceUnlockCard />
      {signedIn && <ReportLostCard onRevoked={() => void reload()} />}
      <Card title={t('wallet.remove.title')}>
        <div className="stack">
          <p>{t('wallet.remove.intro')}</p>
          {removing ? (
            <RemoveWalletConfirm onCancel={() => setRemoving(false)} />
          ) : (
            <div>
              <Button variant="secondary" onClick={() => setRemoving(true)}>
                {t('wallet.remove.button')}
              </Button>
            </div>
          )}
        </div>
      </Card>
    </>
  );
}
