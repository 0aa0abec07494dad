import { type CodesOf, defineErrors } from '../../kernel/index.ts';

/** The error codes of the secure mailbox, notifications and payments. */
export const deliveryErrors = defineErrors({
  'message-not-found': { status: 404, title: 'No such message in your mailbox' },
  'attachment-not-found': { status: 404, title: 'No such attachment' },
  'attachment-type-refused': {
    status: 415,
    title: 'The attachment is not a PDF, JPEG or PNG file, or its content does not match its type',
  },
  'attachment-too-large': { status: 413, title: 'The attachment is larger than allowed' },
  'attachment-malformed': {
    status: 400,
    title: 'The attachment is damaged (not a complete file of its type)',
  },
  'administration-not-found': { status: 404, title: 'No such administration to send to' },
  'receipt-invalid': { status: 400, title: 'The receipt is not one this platform sealed, or it was changed' },
  'push-subscription-forbidden': {
    status: 403,
    title: 'A push subscription can only be made for yourself',
  },
  'notification-not-found': { status: 404, title: 'No such notification' },
  'payment-order-not-found': { status: 404, title: 'No such payment order' },
  'payment-not-due': { status: 404, title: 'Nothing unpaid under this reference' },
  'payment-declined': { status: 402, title: 'The card was declined' },
  'payment-callback-invalid': {
    status: 400,
    title: "The payment provider's notification is not signed correctly",
  },
  'payment-closed': { status: 409, title: 'The payment order is already paid or cancelled' },
});

declare module '../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof deliveryErrors> {}
}
