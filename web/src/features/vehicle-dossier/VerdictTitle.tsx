import type { ReactNode } from 'react';

/** A verdict's title: a tick or a cross that sighted readers see at once (screen readers hear the words). */
export function VerdictTitle({
  valid,
  className,
  children,
}: {
  valid: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <p className={className ? `alert__title ${className}` : 'alert__title'}>
      <span aria-hidden="true" className="verdict-mark">
        {valid ? '✓' : '✗'}{' '}
      </span>
      {children}
    </p>
  );
}
