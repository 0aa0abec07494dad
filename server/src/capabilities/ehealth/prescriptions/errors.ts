import { type CodesOf, defineErrors } from '../../../kernel/index.ts';

/** This part's error codes (each has a row in docs/errors.md and a text in every locale). */
export const ehealthPrescriptionErrors = defineErrors({
  // One answer for an unknown number and for a number with another patient's personal number:
  // the pharmacist never learns which half was wrong.
  'prescription-not-found': { status: 404, title: 'No prescription with this number for this patient' },
  'prescription-already-dispensed': { status: 409, title: 'The prescription has been dispensed in full' },
  'prescription-quantity-exceeded': {
    status: 409,
    title: 'More than the prescription has left to dispense',
  },
  'prescription-cancelled': { status: 409, title: 'The prescription has been cancelled' },
  'prescription-expired': { status: 409, title: 'The prescription has expired' },
  'prescription-not-cancellable': {
    status: 409,
    title: 'The prescription cannot be cancelled: it has been dispensed or is no longer active',
  },
  'prescription-status-managed': {
    status: 409,
    title: "A prescription's number and status change only by dispensing it or by its doctor's cancel",
  },
  'prescription-medicine-unknown': { status: 422, title: 'The medicine is not in the terminology' },
  'prescription-patient-not-found': { status: 404, title: 'No such patient on your list' },
});

declare module '../../../kernel/errors.ts' {
  interface ProblemCodes extends CodesOf<typeof ehealthPrescriptionErrors> {}
}
