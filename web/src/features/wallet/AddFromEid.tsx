import { credentialConfiguration } from '@civitas/wallet/catalogue.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { startCredentialAuthorization } from './code-flow.ts';

/** The documents the citizen can ask for with the eID themselves (the authorization code flow). */
export const EID_DOCUMENTS = ['pid-sd-jwt', 'pid-mdoc', 'mdl', 'ehic'] as const;

export function AddFromEid() {
  const { t, i18n } = useTranslation();
  const language = (i18n.resolvedLanguage ?? 'en') as 'en';
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  async function start(configurationId: string) {
    setBusy(true);
    setFailed(false);
    try {
      await startCredentialAuthorization(configurationId, language);
    } catch {
      setFailed(true);
      setBusy(false);
    }
  }
  return (
    <div className="stack">
      <p>{t('wallet.add.fromEid')}</p>
      {failed && <Alert tone="error">{t('wallet.offer.errors.network')}</Alert>}
      <ul className="wallet-eid-list">
        {EID_DOCUMENTS.map((id) => (
          <li key={id}>
            <Button variant="secondary" disabled={busy} onClick={() => void start(id)}>
              {credentialConfiguration(id)?.display[language]}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
