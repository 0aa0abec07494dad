import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { buttonClassName } from '../../shared/ui/Button.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { completeCredentialAuthorization } from './code-flow.ts';
import { offerErrorKey } from './offer-flow.ts';
import { WALLET_PATH } from './paths.ts';
import type { OpenWallet } from './vault.ts';
import { WalletGate } from './WalletGate.tsx';
import './Wallet.css';

/** `/wallet/callback`: back from the eID, the document is issued into the (unlocked) wallet. */
export function IssuanceCallbackScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('wallet.offer.title')}>{t('wallet.offer.title')}</PageHeading>
      <WalletGate>{(wallet) => <Completion wallet={wallet} />}</WalletGate>
    </div>
  );
}

type State = { kind: 'working' } | { kind: 'done'; documents: string[] } | { kind: 'failed'; key: string };

function Completion({ wallet }: { wallet: OpenWallet }) {
  const { t, i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const [state, setState] = useState<State>({ kind: 'working' });
  useEffect(() => {
    completeCredentialAuthorization(wallet, location.href, language).then(
      (stored) =>
        setState({
          kind: 'done',
          documents: stored.map(
            (credential) => credentialConfiguration(credential.configurationId)?.display[language] ?? '',
          ),
        }),
      (error: unknown) => setState({ kind: 'failed', key: offerErrorKey(error) }),
    );
  }, [wallet, language]);
  const back = (
    <div>
      <Link href={WALLET_PATH} className={buttonClassName('secondary')}>
        {t('wallet.offer.toWallet')}
      </Link>
    </div>
  );
  if (state.kind === 'working') return <LoadingIndicator label={t('wallet.offer.adding')} />;
  if (state.kind === 'failed') {
    return (
      <>
        <Alert tone="error" title={t('wallet.offer.failed')}>
          {t(state.key as 'wallet.offer.failed')}
        </Alert>
        {back}
      </>
    );
  }
  return (
    <>
      <Alert tone="success" title={t('wallet.offer.added')}>
        <ul className="wallet-consent-list">
          {state.documents.map((document) => (
            <li key={document}>{document}</li>
          ))}
        </ul>
      </Alert>
      {back}
    </>
  );
}
