import type { Due, DueList } from '@civitas/contracts/api/payments.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/routing/router.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { fetchDues, orderPayment } from './payments-api.ts';
import './Payments.css';

/** What the citizen owes (unpaid fines, vehicle taxes) from the registers, each payable here. */
export function PaymentsScreen() {
  const { t } = useTranslation();
  const { state, retry } = useApiResource<DueList>(fetchDues);
  return (
    <div className="stack">
      <PageHeading title={t('payments.title')}>{t('payments.title')}</PageHeading>
      <p className="lead">{t('payments.intro')}</p>
      {state.kind === 'loading' && <LoadingIndicator label={t('payments.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('payments.loadFailed')}
          error={state.error}
          retryLabel={t('payments.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && <Dues list={state.value} />}
    </div>
  );
}

function Dues({ list }: { list: DueList }) {
  const { t } = useTranslation();
  return (
    <>
      {!list.complete && <Alert tone="warning" title={t('payments.incomplete')} />}
      {list.items.length === 0 ? (
        <Alert tone="success" title={t('payments.nothingDue')} />
      ) : (
        <ul className="due-list">
          {list.items.map((due) => (
            <DueItem key={`${due.kind}:${due.reference}`} due={due} />
          ))}
        </ul>
      )}
    </>
  );
}

function DueItem({ due }: { due: Due }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const title =
    due.kind === 'fine'
      ? t('payments.fine', { number: due.reference })
      : t('payments.vehicleTax', { plate: due.detail, year: due.reference.split('/')[1] });
  async function pay() {
    setBusy(true);
    try {
      const order = await orderPayment(due);
      navigate(order.payUrl);
    } catch (error) {
      setFailure(error);
      setBusy(false);
    }
  }
  return (
    <li className="card due-list__item" data-due={due.reference}>
      <h2 className="due-list__title">{title}</h2>
      {due.kind === 'fine' && (
        <p>
          {t(`registerCodes.offences.${due.detail}` as 'registerCodes.offences.red-light', {
            defaultValue: t('payments.offence'),
          })}
          {due.issuedOn && ` · ${format.date(due.issuedOn)}`}
        </p>
      )}
      <p className="due-list__amount">{format.money(due.amountCents)}</p>
      {failure !== null && <Alert tone="error" title={describeError(failure, t).title} />}
      <div>
        <Button onClick={() => void pay()} disabled={busy} aria-label={`${t('payments.pay')}: ${title}`}>
          {t('payments.pay')}
        </Button>
      </div>
    </li>
  );
}
