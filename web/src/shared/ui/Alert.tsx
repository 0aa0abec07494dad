import type { ReactNode, Ref } from 'react';
import './Alert.css';

interface AlertProps {
  tone: 'error' | 'warning' | 'info' | 'success';
  title?: string;
  children?: ReactNode;
  /** Given when the screen moves focus to the message (an error summary, a confirmation). */
  ref?: Ref<HTMLDivElement>;
}

/**
 * A message box. Errors and warnings are announced at once (role="alert"); information and
 * success politely (role="status"), so they do not interrupt what a screen reader is saying.
 */
export function Alert({ tone, title, children, ref }: AlertProps) {
  return (
    <div
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      className={`alert alert--${tone}`}
      role={tone === 'error' || tone === 'warning' ? 'alert' : 'status'}
    >
      {title && <p className="alert__title">{title}</p>}
      {children}
    </div>
  );
}
