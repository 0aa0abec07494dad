import { type CheckId, checkDefinition } from '@civitas/wallet/checks.ts';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Badge } from '../../shared/ui/Badge.tsx';
import { Button, buttonClassName } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { configurationOf } from './DocumentCard.tsx';
import { type CredentialMatch, matchQuery } from './dcql-match.ts';
import { WALLET_PATH } from './paths.ts';
import {
  loadRequest,
  PresentationError,
  parsePresentationLink,
  presentOnline,
  type VerifiedRequest,
  verifierTrustAnchors,
} from './presentation.ts';
import type { OpenWallet } from './vault.ts';
import { WalletGate } from './WalletGate.tsx';
import './Wallet.css';

/** `/wallet/present?client_id=…&request_uri=…`: who asks for what, and nothing sent unless agreed. */
export function PresentScreen() {
  const { t } = useTranslation();
  return (
    <div className="stack">
      <PageHeading title={t('wallet.present.title')}>{t('wallet.present.title')}</PageHeading>
      <WalletGate>{(wallet) => <PresentFlow wallet={wallet} />}</WalletGate>
    </div>
  );
}

type Step =
  | { kind: 'loading' }
  | { kind: 'failed'; reason: string }
  | { kind: 'asking'; request: VerifiedRequest; matches: CredentialMatch[] }
  | { kind: 'unanswerable'; request: VerifiedRequest }
  | { kind: 'sent'; request: VerifiedRequest; redirectUri: string | null }
  | { kind: 'declined' };

const reasonOf = (error: unknown) =>
  error instanceof PresentationError ? error.reason : 'request-malformed';

async function prepare(wallet: OpenWallet): Promise<Step> {
  const link = parsePresentationLink(location.href, location.origin);
  const request = await loadRequest(link, await verifierTrustAnchors());
  const result = matchQuery(request.claims.dcql_query, await wallet.credentials());
  return result.ok ? { kind: 'asking', request, matches: result.matches } : { kind: 'unanswerable', request };
}

function PresentFlow({ wallet }: { wallet: OpenWallet }) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>({ kind: 'loading' });
  useEffect(() => {
    prepare(wallet).then(setStep, (error: unknown) => setStep({ kind: 'failed', reason: reasonOf(error) }));
  }, [wallet]);
  const back = (
    <div>
      <Link href={WALLET_PATH} className={buttonClassName('secondary')}>
        {t('wallet.offer.toWallet')}
      </Link>
    </div>
  );
  switch (step.kind) {
    case 'loading':
      return <LoadingIndicator label={t('wallet.present.loading')} />;
    case 'failed':
      return (
        <>
          <Alert tone="error" title={t('wallet.present.failed')}>
            {t(`wallet.present.errors.${step.reason}` as 'wallet.present.failed')}
          </Alert>
          {back}
        </>
      );
    case 'unanswerable':
      return (
        <>
          <VerifierCard asker={askerOf(step.request)} />
          <Alert tone="warning">{t('wallet.present.noDocument')}</Alert>
          {back}
        </>
      );
    case 'declined':
      return (
        <>
          <Alert tone="info">{t('wallet.present.declined')}</Alert>
          {back}
        </>
      );
    case 'sent':
      return (
        <>
          <Alert tone="success" title={t('wallet.present.sent', { who: step.request.registration.name })} />
          {step.redirectUri && (
            <div>
              <a className={buttonClassName('primary')} href={step.redirectUri}>
                {t('wallet.present.backToVerifier')}
              </a>
            </div>
          )}
          {back}
        </>
      );
    case 'asking':
      return (
        <>
          <VerifierCard asker={askerOf(step.request)} />
          <Consent
            matches={step.matches}
            onDecline={() => setStep({ kind: 'declined' })}
            onShare={async (leftOut) => {
              const request = step.request;
              try {
                const { redirectUri } = await presentOnline(wallet, request, step.matches, leftOut);
                setStep({ kind: 'sent', request, redirectUri });
                return null;
              } catch (failure) {
                return `wallet.present.errors.${reasonOf(failure)}`;
              }
            }}
          />
        </>
      );
  }
}

export interface Asker {
  name: string;
  organisation: string;
  host: string;
  checks: readonly CheckId[];
}

/** Who asks: from the verifier's certificate (checked to the national anchor) and its registration. */
export function VerifierCard({ asker }: { asker: Asker }) {
  const { t, i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  return (
    <Card
      title={t('wallet.present.asks', { who: asker.name })}
      aside={<Badge tone="success">{t('wallet.present.trusted')}</Badge>}
    >
      <FieldList>
        <Field label={t('wallet.present.organisation')}>{asker.organisation}</Field>
        <Field label={t('wallet.present.address')}>{asker.host}</Field>
        <Field label={t('wallet.present.registeredFor')}>
          {asker.checks.map((check) => checkDefinition(check).display[language]).join(', ')}
        </Field>
      </FieldList>
    </Card>
  );
}

const askerOf = (request: VerifiedRequest): Asker => ({
  name: request.registration.name,
  organisation: request.registration.organisation,
  host: request.host,
  checks: request.registration.intended_use,
});

/** What will be shared: the required claims listed, the optional ones as switches; nothing sent until "Share". */
export function Consent({
  matches,
  onShare,
  onDecline,
}: {
  matches: CredentialMatch[];
  /** Resolves to an error text key, or null when shared. */
  onShare: (leftOut: ReadonlyMap<string, ReadonlySet<string>>) => Promise<string | null>;
  onDecline: () => void;
}) {
  const { t, i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const [leftOut, setLeftOut] = useState<Map<string, Set<string>>>(new Map());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function toggle(queryId: string, claimId: string, share: boolean) {
    setLeftOut((current) => {
      const next = new Map(current);
      const set = new Set(next.get(queryId));
      if (share) set.delete(claimId);
      else set.add(claimId);
      next.set(queryId, set);
      return next;
    });
  }

  async function share(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const failure = await onShare(leftOut);
    if (failure) {
      setError(failure);
      setBusy(false);
    }
  }

  const label = (claim: CredentialMatch['claims'][number]) => claim.label?.[language] ?? claim.path.join('.');
  return (
    <Card title={t('wallet.present.whatTitle')}>
      <form className="stack" onSubmit={(event) => void share(event)} noValidate>
        {matches.map((match) => (
          <section key={match.queryId} className="stack">
            <h3>{configurationOf(match.credential).display[language]}</h3>
            <ul className="wallet-consent-list">
              {match.claims
                .filter((claim) => !claim.optional)
                .map((claim) => (
                  <li key={claim.id}>{label(claim)}</li>
                ))}
            </ul>
            {match.claims.some((claim) => claim.optional) && (
              <fieldset className="form-group">
                <legend>{t('wallet.present.optional')}</legend>
                {match.claims
                  .filter((claim) => claim.optional)
                  .map((claim) => (
                    <label key={claim.id} className="form-choice">
                      <input
                        type="checkbox"
                        checked={!leftOut.get(match.queryId)?.has(claim.id)}
                        onChange={(event) => toggle(match.queryId, claim.id, event.target.checked)}
                      />
                      {label(claim)}
                    </label>
                  ))}
              </fieldset>
            )}
          </section>
        ))}
        {error && <Alert tone="error">{t(error as 'wallet.present.failed')}</Alert>}
        <div className="wallet-actions">
          <Button type="submit" disabled={busy}>
            {busy ? t('wallet.present.sending') : t('wallet.present.share')}
          </Button>
          <Button variant="secondary" disabled={busy} onClick={onDecline}>
            {t('wallet.present.decline')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
