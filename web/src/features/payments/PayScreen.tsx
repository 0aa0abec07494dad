import type { PaymentOrder } from '@civitas/contracts/api/payments.ts';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { describeError } from '../../shared/api/describe-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { TextField } from '../../shared/ui/FormFields.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { localisedText } from '../eservices/localised-text.ts';
import { PAYMENTS_PATH } from './paths.ts';
import { fetchOrder, payByCard } from './payments-api.ts';
import './Payments.css';

/** One payment order and the test provider's card form (it stands in for a card network). */
export function PayScreen({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const { state, retry } = useApiResource<PaymentOrder>((signal) => fetchOrder(orderId, signal));
  const [paid, setPaid] = useState<PaymentOrder | null>(null);
  return (
    <div className="stack">
      <PageHeading title={t('payments.payTitle')}>{t('payments.payTitle')}</PageHeading>
      {state.kind === 'loading' && <LoadingIndicator label={t('payments.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('payments.orderFailed')}
          error={state.error}
          retryLabel={t('payments.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' && <Order order={paid ?? state.value} onPaid={setPaid} />}
      <Link href={PAYMENTS_PATH}>{t('payments.back')}</Link>
    </div>
  );
}

function Order({ order, onPaid }: { order: PaymentOrder; onPaid: (order: PaymentOrder) => void }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  return (
    <>
      <Card title={localisedText(order.description, i18n.resolvedLanguage ?? 'bg', '—')}>
        <p className="due-list__amount">{format.money(order.amountCents)}</p>
      </Card>
      {order.status === 'paid' ? (
        <Alert tone="success" title={t('payments.paid')}>
          {order.paidAt && <p>{t('payments.paidAt', { time: format.dateTime(order.paidAt) })}</p>}
        </Alert>
      ) : order.status === 'pending' ? (
        <CardForm orderId={order.orderId} onPaid={onPaid} />
      ) : (
        <Alert tone="warning" title={t('payments.closed')} />
      )}
    </>
  );
}

function CardForm({ orderId, onPaid }: { orderId: string; onPaid: (order: PaymentOrder) => void }) {
  const { t } = useTranslation();
  const [card, setCard] = useState({ cardNumber: '', expiry: '', cvc: '', holder: '' });
  const [failure, setFailure] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (field: keyof typeof card) => (value: string) =>
    setCard((current) => ({ ...current, [field]: value }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      onPaid(await payByCard(orderId, { ...card, holder: card.holder.trim() }));
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card title={t('payments.cardTitle')}>
      <p className="secondary-text">{t('payments.testProvider')}</p>
      <form className="card-form" onSubmit={submit} noValidate>
        {failure !== null && <Alert tone="error" title={describeError(failure, t).title} />}
        <TextField
          id="card-number"
          label={t('payments.cardNumber')}
          value={card.cardNumber}
          error={null}
          onChange={set('cardNumber')}
          numeric
          maxLength={23}
        />
        <div className="card-form__row">
          <TextField
            id="card-expiry"
            label={t('payments.expiry')}
            hint={t('payments.expiryHint')}
            value={card.expiry}
            error={null}
            onChange={set('expiry')}
            short
            maxLength={5}
          />
          <TextField
            id="card-cvc"
            label={t('payments.cvc')}
            value={card.cvc}
            error={null}
            onChange={set('cvc')}
            numeric
            short
            maxLength={4}
          />
        </div>
        <TextField
          id="card-holder"
          label={t('payments.holder')}
          value={card.holder}
          error={null}
          onChange={set('holder')}
          maxLength={100}
        />
        <div>
          <Button type="submit" disabled={busy}>
            {t('payments.payNow')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
