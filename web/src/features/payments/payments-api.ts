import type {
  CardPayment,
  Due,
  DueList,
  OrderRequest,
  PaymentOrder,
} from '@civitas/contracts/api/payments.ts';
import { apiGet, apiSend } from '../../shared/api/api-client.ts';

export function fetchDues(signal: AbortSignal): Promise<DueList> {
  return apiGet<DueList>('/api/payments/dues', { signal });
}

export function fetchOrder(orderId: string, signal: AbortSignal): Promise<PaymentOrder> {
  return apiGet<PaymentOrder>(`/api/payments/orders/${encodeURIComponent(orderId)}`, { signal });
}

export function orderRequestOf(due: Due): OrderRequest {
  if (due.kind === 'fine') return { kind: 'fine', number: due.reference };
  const [vin, year] = due.reference.split('/') as [string, string];
  return { kind: 'vehicle-tax', vin, year: Number(year) };
}

export async function orderPayment(due: Due): Promise<PaymentOrder> {
  return (await (await apiSend('POST', '/api/payments/orders', orderRequestOf(due))).json()) as PaymentOrder;
}

export async function payByCard(orderId: string, card: CardPayment): Promise<PaymentOrder> {
  const response = await apiSend('POST', `/api/payments/orders/${encodeURIComponent(orderId)}/card`, card);
  return (await response.json()) as PaymentOrder;
}
