import type { ReactNode } from 'react';
import './Field.css';

/** A list of label/value pairs (a description list: screen readers announce term and definition). */
export function FieldList({ children }: { children: ReactNode }) {
  return <dl className="fields">{children}</dl>;
}

/**
 * One label/value pair. ARIA forbids naming a definition (aria-labelledby on <dd> is ignored
 * by browsers and tools), so the pairing is the dt/dd order itself.
 */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt className="field__label">{label}</dt>
      <dd className="field__value">{children}</dd>
    </div>
  );
}
