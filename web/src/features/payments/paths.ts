export const PAYMENTS_PATH = '/payments';

const ORDER = /^\/payments\/orders\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** `/payments/orders/<order id>`: the card page of one payment order. */
export function matchOrderPath(pathname: string): { orderId: string } | null {
  const orderId = ORDER.exec(pathname)?.[1];
  return orderId ? { orderId } : null;
}
