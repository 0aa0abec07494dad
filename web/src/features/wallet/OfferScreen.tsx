import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button, buttonClassName } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { isValidTxCode } from './credential-offer.ts';
import { acceptPreAuthorizedOffer, issuerName } from './issuance.ts';
import { offerErrorKey, type PreparedOffer, prepareOffer } from './offer-flow.ts';
import { WALLET_PATH } from './paths.ts';
import type { OpenWallet } from './vault.ts';
import { WalletGate } from './WalletGate.tsx';
import './Wallet.css';

/** `/wallet/offer?credential_offer=…`: an issuer's offer, shown and accepted only when asked. */
export function OfferScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('wallet.offer.title')}>{t('wallet.offer.title')}</PageHeading>
      <WalletGate>{(wallet) => <OfferFlow wallet={wallet} />}</WalletGate>
    </div>
  );
}

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; error: string }
  | { kind: 'asking'; prepared: PreparedOffer }
  | { kind: 'done'; documents: string[] }
  | { kind: 'declined' };

function OfferFlow({ wallet }: { wallet: OpenWallet }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  useEffect(() => {
    prepareOffer(location.href, location.origin).then(
      (prepared) => setStep({ kind: 'asking', prepared }),
      (error: unknown) => setStep({ kind: 'failed', error: offerErrorKey(error) }),
    );
  }, []);
  const back = (
    <Link href={WALLET_PATH} className={buttonClassName('secondary')}>
      {t('wallet.offer.toWallet')}
    </Link>
  );
  switch (step.kind) {
    case 'loading':
      return <LoadingIndicator label={t('wallet.offer.loading')} />;
    case 'failed':
      return (
        <>
          <Alert tone="error" title={t('wallet.offer.failed')}>
            {t(step.error as 'wallet.offer.failed')}
          </Alert>
          <div>{back}</div>
        </>
      );
    case 'declined':
      return (
        <>
          <Alert tone="info">{t('wallet.offer.declined')}</Alert>
          <div>{back}</div>
        </>
      );
    case 'done':
      return (
        <>
          <Alert tone="success" title={t('wallet.offer.added')}>
            <ul className="wallet-consent-list">
              {step.documents.map((document) => (
                <li key={document}>{document}</li>
              ))}
            </ul>
          </Alert>
          <div>{back}</div>
        </>
      );
    case 'asking':
      return <OfferConsent wallet={wallet} prepared={step.prepared} onStep={setStep} />;
  }
}

function OfferConsent({
  wallet,
  prepared,
  onStep,
}: {
  wallet: OpenWallet;
  prepared: PreparedOffer;
  onStep: (step: Step) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const { offer, metadata } = prepared;
  const [txCode, setTxCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const documents = offer.configurationIds.map((configurationId) => credentialConfiguration(configurationId));

  async function accept(event: FormEvent) {
    event.preventDefault();
    if (offer.txCode && !isValidTxCode(txCode, offer.txCode)) return setError('wallet.offer.txCodeInvalid');
    setBusy(true);
    setError(null);
    try {
      const stored = await acceptPreAuthorizedOffer(
        wallet,
        offer,
        metadata,
        offer.txCode ? txCode : null,
        language,
      );
      onStep({
        kind: 'done',
        documents: stored.map(
          (credential) => credentialConfiguration(credential.configurationId)?.display[language] ?? '',
        ),
      });
    } catch (failure) {
      setError(offerErrorKey(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('wallet.offer.from', { issuer: issuerName(metadata, language) })}>
      <form className="stack" onSubmit={(event) => void accept(event)} noValidate>
        <p>{t('wallet.offer.issuerAddress', { address: new URL(metadata.issuer).host })}</p>
        {documents.map((configuration, index) =>
          configuration ? (
            <section key={configuration.id} className="stack">
              <h3>{configuration.display[language]}</h3>
              <p>{t('wallet.offer.willStore')}</p>
              <ul className="wallet-consent-list">
                {configuration.claims.map((claim) => (
                  <li key={claim.path.join('.')}>{claim.display[language]}</li>
                ))}
              </ul>
            </section>
          ) : (
            <Alert key={offer.configurationIds[index]} tone="warning">
              {t('wallet.offer.unknownDocument')}
            </Alert>
          ),
        )}
        {error && <Alert tone="error">{t(error as 'wallet.offer.failed')}</Alert>}
        {offer.txCode && (
          <div className="form-group">
            <label className="form-label" htmlFor={`${id}-tx`}>
              {t('wallet.offer.txCode')}
            </label>
            <span id={`${id}-tx-hint`} className="form-hint">
              {offer.txCode.length
                ? t('wallet.offer.txCodeHint', { count: offer.txCode.length })
                : t('wallet.offer.txCodeHintAny')}
            </span>
            <input
              id={`${id}-tx`}
              className="form-input form-input--short"
              inputMode={offer.txCode.inputMode === 'numeric' ? 'numeric' : undefined}
              autoComplete="one-time-code"
              maxLength={offer.txCode.length ?? 64}
              aria-describedby={`${id}-tx-hint`}
              value={txCode}
              onChange={(event) => setTxCode(event.target.value)}
            />
          </div>
        )}
        <div className="wallet-actions">
          <Button type="submit" disabled={busy || documents.some((configuration) => !configuration)}>
            {busy ? t('wallet.offer.adding') : t('wallet.offer.accept')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={() => onStep({ kind: 'declined' })}>
            {t('wallet.offer.decline')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
