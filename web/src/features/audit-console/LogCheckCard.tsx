import { toHex } from '@civitas/tlog';
import { useTranslation } from 'react-i18next';
import { logKeyLabel } from '../../shared/api/log-key-pin.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { UntrustedLogAlert } from '../data-usage/LogStatus.tsx';
import type { Consistency } from './log-consistency.ts';
import type { AuditLogState } from './use-audit-log.ts';

/**
 * The public log as this browser verified it: the checkpoint's signature with the pinned key,
 * its size and root, the witnesses' cosignatures, and whether it only grew since the last check.
 */
export function LogCheckCard({ state, onRecheck }: { state: AuditLogState; onRecheck: () => void }) {
  const { t } = useTranslation();
  return (
    <Card title={t('auditConsole.log.title')}>
      <div className="stack">
        {state.kind === 'checking' ? (
          <LoadingIndicator label={t('auditConsole.log.checking')} />
        ) : (
          <LogFindings state={state} />
        )}
        <div className="button-group">
          <Button variant="secondary" onClick={onRecheck} disabled={state.kind === 'checking'}>
            {t('auditConsole.log.recheck')}
          </Button>
        </div>
      </div>
    </Card>
  );
}

function LogFindings({ state }: { state: Extract<AuditLogState, { kind: 'ready' }> }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { trust, pin } = state.log;
  if (trust.kind === 'untrusted') {
    return <UntrustedLogAlert title={t('auditConsole.log.untrustedTitle')} trust={trust} pin={pin} />;
  }
  const key = pin && pin.kind !== 'changed' ? logKeyLabel(pin.key) : trust.origin;
  return (
    <>
      <Alert tone="success" title={t('auditConsole.log.trustedTitle')}>
        <p>{t('auditConsole.log.trusted', { key })}</p>
      </Alert>
      <FieldList>
        <Field label={t('auditConsole.log.origin')}>
          <span className="audit-code">{trust.origin}</span>
        </Field>
        <Field label={t('auditConsole.log.size')}>{format.number(trust.size)}</Field>
        <Field label={t('auditConsole.log.root')}>
          <span className="audit-code">{toHex(trust.root)}</span>
        </Field>
        <Field label={t('auditConsole.log.witnesses')}>
          {trust.cosignedBy.length === 0 ? (
            t('auditConsole.log.noWitness')
          ) : (
            <ul className="audit-plain-list">
              {trust.cosignedBy.map((name) => (
                <li key={name} className="audit-code">
                  {name}
                </li>
              ))}
            </ul>
          )}
        </Field>
      </FieldList>
      {state.consistency && <ConsistencyFinding consistency={state.consistency} />}
    </>
  );
}

function ConsistencyFinding({ consistency }: { consistency: Consistency }) {
  const { t } = useTranslation();
  const format = useFormatters();
  switch (consistency.kind) {
    case 'first':
      return <p>{t('auditConsole.log.first')}</p>;
    case 'unchanged':
      return <p>{t('auditConsole.log.unchanged', { size: format.number(consistency.size) })}</p>;
    case 'grown':
      return (
        <p>
          {t('auditConsole.log.grown', {
            from: format.number(consistency.from),
            to: format.number(consistency.to),
          })}
        </p>
      );
    case 'failed':
      return (
        <Alert tone="error" title={t('auditConsole.log.inconsistentTitle')}>
          <p>
            {t(`auditConsole.log.inconsistent.${consistency.reason}`, {
              from: format.number(consistency.from),
              to: format.number(consistency.to),
            })}
          </p>
        </Alert>
      );
  }
}
