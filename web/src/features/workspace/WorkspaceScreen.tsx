import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { useApiResource } from '../../shared/api/use-api-resource.ts';
import { legalBasisLabel, purposeLabel } from '../../shared/i18n/code-labels.tsx';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { LoadFailed } from '../../shared/ui/LoadFailed.tsx';
import { LoadingIndicator } from '../../shared/ui/LoadingIndicator.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { RegisterChanges } from '../register-changes/RegisterChanges.tsx';
import { ReportDownloads } from '../vehicle-dossier/ReportDownloads.tsx';
import { ReportView } from '../vehicle-dossier/ReportView.tsx';
import type { SignedReport } from '../vehicle-dossier/report.ts';
import { WalletDeskLink } from '../wallet-desk/WalletDeskLink.tsx';
import { LookupForm } from './LookupForm.tsx';
import { LookupRefusal } from './LookupRefusal.tsx';
import { downloadVehiclePdf, lookUpPerson, lookUpVehicle, type PersonCard } from './lookup-client.ts';
import type { LookupRequest } from './lookup-form.ts';
import { PersonResult } from './PersonResult.tsx';
import { fetchPurposeChoices } from './purposes.ts';

type LookupState =
  | { kind: 'idle' }
  | { kind: 'looking'; request: LookupRequest }
  | { kind: 'person'; request: LookupRequest; card: PersonCard; at: string }
  | { kind: 'vehicle'; request: Extract<LookupRequest, { kind: 'vehicle' }>; report: SignedReport }
  | { kind: 'refused'; request: LookupRequest; error: unknown };

/** The official's and police officer's lookup of a person or a vehicle, on the grounds their rights allow. */
export function WorkspaceScreen() {
  const { t } = useTranslation();
  const rights = useApiResource(fetchPurposeChoices);
  const [lookup, setLookup] = useState<LookupState>({ kind: 'idle' });
  const inFlight = useRef<AbortController | null>(null);

  useEffect(() => () => inFlight.current?.abort(), []);

  async function run(request: LookupRequest) {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setLookup({ kind: 'looking', request });
    try {
      if (request.kind === 'person') {
        const card = await lookUpPerson(request, controller.signal);
        setLookup({ kind: 'person', request, card, at: new Date().toISOString() });
      } else {
        const report = await lookUpVehicle(request, controller.signal);
        setLookup({ kind: 'vehicle', request, report });
      }
    } catch (error) {
      // An expired session has already gone back to sign-in; an aborted lookup was replaced.
      if (controller.signal.aborted || (error instanceof ApiError && error.status === 401)) return;
      setLookup({ kind: 'refused', request, error });
    }
  }

  return (
    <div className="stack">
      <PageHeading title={t('workspace.title')}>{t('workspace.title')}</PageHeading>
      <p className="lead">{t('workspace.intro')}</p>
      <WalletDeskLink />
      {rights.state.kind === 'loading' && <LoadingIndicator label={t('workspace.loadingRights')} />}
      {rights.state.kind === 'failed' && (
        <LoadFailed
          title={t('workspace.rightsFailed')}
          error={rights.state.error}
          retryLabel={t('workspace.retry')}
          onRetry={rights.retry}
        />
      )}
      {rights.state.kind === 'loaded' && (
        <LookupForm choices={rights.state.value} busy={lookup.kind === 'looking'} onSubmit={run} />
      )}
      <LookupOutcome state={lookup} />
      <RegisterChanges />
    </div>
  );
}

/** The answer, under a heading that takes focus when it arrives so that it is announced. */
function LookupOutcome({ state }: { state: LookupState }) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const settled = state.kind !== 'idle' && state.kind !== 'looking';
  // biome-ignore lint/correctness/useExhaustiveDependencies: each new answer (a new `state`) is announced.
  useEffect(() => {
    if (settled) heading.current?.focus();
  }, [settled, state]);

  if (state.kind === 'idle') return null;
  return (
    <section className="stack" aria-labelledby={headingId}>
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t('workspace.outcomeTitle')}
      </h2>
      {state.kind === 'looking' && <LoadingIndicator label={t('workspace.looking')} />}
      {state.kind === 'refused' && <LookupRefusal error={state.error} kind={state.request.kind} />}
      {state.kind === 'person' && (
        <>
          <GroundsNote request={state.request} at={state.at} />
          <PersonResult card={state.card} />
        </>
      )}
      {state.kind === 'vehicle' && (
        <>
          <GroundsNote request={state.request} at={state.report.issuedAt} />
          <ReportView
            report={state.report}
            actions={
              <ReportDownloads
                report={state.report}
                downloadPdf={(language) => downloadVehiclePdf(state.request, language)}
                note={t('workspace.pdfNote')}
              />
            }
          />
        </>
      )}
    </section>
  );
}

/** On what grounds the data was read: what the person will see in "Who used my data". */
function GroundsNote({ request, at }: { request: LookupRequest; at: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Alert tone="info">
      <p>
        {t('workspace.grounds', {
          purpose: purposeLabel(request.purpose, t),
          legalBasis: legalBasisLabel(request.legalBasis, t),
          caseNumber: request.caseNumber,
          time: format.dateTime(at),
        })}
      </p>
      <p>{t('workspace.groundsVisible')}</p>
    </Alert>
  );
}
