import type { HolderRevocation } from '@civitas/contracts/api/wallet-status.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiSend } from '../../shared/api/api-client.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';

type State =
  | { kind: 'idle' }
  | { kind: 'confirming' }
  | { kind: 'done'; revoked: number }
  | { kind: 'failed'; title: string; detail: string | null };

/**
 * "Report my phone lost" (signed in): the issuer revokes every valid copy issued to the person,
 * on any device; verifiers see them revoked in the published status list within seconds.
 */
export function ReportLostCard({ onRevoked }: { onRevoked: () => void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);

  async function report() {
    setBusy(true);
    try {
      const response = await apiSend('POST', '/api/wallet/credentials/revocation');
      const body = (await response.json()) as HolderRevocation;
      setState({ kind: 'done', revoked: body.revoked });
      onRevoked();
    } catch (error) {
      setState({ kind: 'failed', ...describeError(error, t) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card title={t('wallet.lost.title')}>
      <div className="stack">
        <p>{t('wallet.lost.intro')}</p>
        {state.kind === 'done' && (
          <Alert tone="success">{t('wallet.lost.done', { count: state.revoked })}</Alert>
        )}
        {state.kind === 'failed' && (
          <Alert tone="error" title={state.title}>
            {state.detail}
          </Alert>
        )}
        {state.kind === 'confirming' ? (
          <Alert tone="warning" title={t('wallet.lost.confirmTitle')}>
            <p>{t('wallet.lost.confirmText')}</p>
            <div className="wallet-actions">
              <Button disabled={busy} onClick={() => void report()}>
                {t('wallet.lost.confirm')}
              </Button>
              <Button variant="secondary" disabled={busy} onClick={() => setState({ kind: 'idle' })}>
                {t('wallet.remove.cancel')}
              </Button>
            </div>
          </Alert>
        ) : (
          <div>
            <Button variant="secondary" onClick={() => setState({ kind: 'confirming' })}>
              {t('wallet.lost.button')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
