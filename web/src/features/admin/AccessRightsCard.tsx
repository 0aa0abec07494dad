import type { AccessRightView, RegistryView } from '@civitas/contracts/api/exchange-admin.ts';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../shared/ui/FormFields.css';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { clientName, joined, serviceName } from './admin-names.ts';
import { revokeAccessRight } from './exchange-admin.ts';
import { LocalNames } from './LocalNames.tsx';
import { PairList } from './PairList.tsx';

interface AccessRightsCardProps {
  registry: RegistryView;
  rights: readonly AccessRightView[];
  /** After a right was revoked: the list is loaded again. */
  onChanged: () => void;
}

type Outcome = { kind: 'revoked' } | { kind: 'failed'; error: unknown } | null;

/** Who may call which service, for which purpose on which legal basis; each right can be revoked. */
export function AccessRightsCard({ registry, rights, onChanged }: AccessRightsCardProps) {
  const { t } = useTranslation();
  const [client, setClient] = useState('');
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const filterId = useId();
  const clients = [...new Set(rights.map((right) => right.client))];
  const shown = client ? rights.filter((right) => right.client === client) : rights;
  const hideable = new Set(registry.legalBases.filter((basis) => basis.hideable).map((basis) => basis.code));

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  return (
    <Card title={t('admin.rights.title')}>
      <p>{t('admin.rights.intro')}</p>
      {outcome?.kind === 'revoked' && (
        <Alert ref={outcomeRef} tone="success" title={t('admin.rights.revoked')} />
      )}
      {outcome?.kind === 'failed' && (
        <Alert ref={outcomeRef} tone="error" title={t('admin.rights.revokeFailed')}>
          <p>{describeError(outcome.error, t).title}</p>
        </Alert>
      )}
      <div className="admin-filter">
        <label htmlFor={filterId}>{t('admin.rights.filter')}</label>
        <select
          id={filterId}
          className="form-input admin-control"
          value={client}
          onChange={(event) => setClient(event.target.value)}
        >
          <option value="">{t('admin.rights.allClients')}</option>
          {clients.map((id) => (
            <option key={id} value={id}>
              {joined(clientName(id, registry, t))}
            </option>
          ))}
        </select>
      </div>
      <p role="status">{t('admin.rights.count', { count: shown.length })}</p>
      {shown.length === 0 ? (
        <p>{t('admin.rights.empty')}</p>
      ) : (
        <ul className="admin-list">
          {shown.map((right) => (
            <li key={right.id} className="admin-list__item">
              <RightEntry
                right={right}
                registry={registry}
                hideable={hideable}
                onRevoked={() => {
                  setOutcome({ kind: 'revoked' });
                  onChanged();
                }}
                onFailed={(error) => setOutcome({ kind: 'failed', error })}
              />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

interface RightEntryProps {
  right: AccessRightView;
  registry: RegistryView;
  hideable: ReadonlySet<string>;
  onRevoked: () => void;
  onFailed: (error: unknown) => void;
}

function RightEntry({ right, registry, hideable, onRevoked, onFailed }: RightEntryProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirmRef = useRef<HTMLDivElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const client = clientName(right.client, registry, t);
  const service = serviceName(right.serviceId, registry, t);

  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);

  async function revoke() {
    setBusy(true);
    try {
      await revokeAccessRight(right.id);
      onRevoked();
    } catch (error) {
      onFailed(error);
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <>
      <FieldList>
        <Field label={t('admin.rights.client')}>
          <LocalNames names={client} />
        </Field>
        <Field label={t('admin.rights.service')}>
          <LocalNames names={service} />
        </Field>
        <Field label={t('admin.rights.scope')}>
          {right.endpoint ? (
            <>
              {t('admin.rights.endpointOnly')} <code>{right.endpoint}</code>
            </>
          ) : (
            t('admin.rights.wholeService')
          )}
        </Field>
        <Field label={t('admin.rights.pairs')}>
          <PairList pairs={right.pairs} hideable={hideable} />
        </Field>
        <Field label={t('admin.rights.grantedAt')}>{format.dateTime(right.grantedAt)}</Field>
      </FieldList>
      {confirming ? (
        <Alert ref={confirmRef} tone="warning" title={t('admin.rights.confirmTitle')}>
          <p>{t('admin.rights.confirmText', { client: joined(client), service: joined(service) })}</p>
          <div className="admin-actions">
            <Button onClick={revoke} disabled={busy}>
              {t('admin.rights.confirm')}
            </Button>
            <Button
              variant="secondary"
              disabled={busy}
              onClick={() => {
                setConfirming(false);
                requestAnimationFrame(() => revokeRef.current?.focus());
              }}
            >
              {t('admin.rights.cancel')}
            </Button>
          </div>
        </Alert>
      ) : (
        <div className="admin-actions">
          <Button
            ref={revokeRef}
            variant="secondary"
            onClick={() => setConfirming(true)}
            aria-label={t('admin.rights.revokeNamed', { client: joined(client), service: joined(service) })}
          >
            {t('admin.rights.revoke')}
          </Button>
        </div>
      )}
    </>
  );
}
