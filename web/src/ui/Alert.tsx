import type { ReactNode } from 'react';
import './Alert.css';

interface AlertProps {
  tone: 'error' | 'info';
  title?: string;
  children?: ReactNode;
}

/**
 * A message box. Errors are announced at once (role="alert"); information politely
 * (role="status"), so it does not interrupt what a screen reader is saying.
 */
export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title && <p className="alert__title">{title}</p>}
      {children}
    </div>
  );
}
