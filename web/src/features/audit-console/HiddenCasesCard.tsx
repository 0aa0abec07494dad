import type { HiddenCase } from '@civitas/contracts/api/audit.ts';
import { useTranslation } from 'react-i18next';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { legalBasisLabel } from '../../shared/i18n/code-labels.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Card } from '../../shared/ui/Card.tsx';
import { Field, FieldList } from '../../shared/ui/Field.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { fetchHiddenCases } from './audit-client.ts';

/** The cases whose accesses are hidden from the persons concerned: by whom, on what ground, until when. */
export function HiddenCasesCard() {
  const { t } = useTranslation();
  const { state, retry } = useApiResource(fetchHiddenCases);
  return (
    <Card title={t('auditConsole.hidden.title')}>
      <p>{t('auditConsole.hidden.intro')}</p>
      {state.kind === 'loading' && <LoadingIndicator label={t('auditConsole.hidden.loading')} />}
      {state.kind === 'failed' && (
        <LoadFailed
          title={t('auditConsole.hidden.loadFailed')}
          error={state.error}
          retryLabel={t('auditConsole.retry')}
          onRetry={retry}
        />
      )}
      {state.kind === 'loaded' &&
        (state.value.length === 0 ? (
          <p className="secondary-text">{t('auditConsole.hidden.none')}</p>
        ) : (
          <ul className="audit-cards">
            {state.value.map((hidden) => (
              <li key={`${hidden.organisation}\u0000${hidden.caseRef}`}>
                <HiddenCaseEntry hidden={hidden} />
              </li>
            ))}
          </ul>
        ))}
    </Card>
  );
}

function HiddenCaseEntry({ hidden }: { hidden: HiddenCase }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card headingLevel={3} title={t('auditConsole.hidden.case', { caseRef: hidden.caseRef })}>
      <FieldList>
        <Field label={t('auditConsole.hidden.organisation')}>
          <span lang="bg">{hidden.organisationName}</span>
          <br />
          <span lang="bg" className="secondary-text">
            {hidden.systemName}
          </span>
        </Field>
        <Field label={t('auditConsole.hidden.legalBasis')}>{legalBasisLabel(hidden.legalBasis, t)}</Field>
        <Field label={t('auditConsole.hidden.until')}>{format.dateTime(hidden.hiddenUntil)}</Field>
        <Field label={t('auditConsole.hidden.reason')}>{hidden.reason}</Field>
        <Field label={t('auditConsole.hidden.since')}>{format.dateTime(hidden.createdAt)}</Field>
      </FieldList>
    </Card>
  );
}
