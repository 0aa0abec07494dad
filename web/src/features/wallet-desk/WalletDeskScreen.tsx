import type { TFunction } from 'i18next';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import { CheckedForm, useCheckedForm } from '../../shared/ui/CheckedForm.tsx';
import { SelectField, TextField, VinField } from '../../shared/ui/FormFields.tsx';
import { PageHeading } from '../../shared/ui/PageHeading.tsx';
import { normaliseVin } from '../vehicle-dossier/vehicle-check-form.ts';
import { WORKSPACE_PATH } from '../workspace/paths.ts';
import { makeOffer, type WalletOffer } from './desk-client.ts';
import {
  DESK_DOCUMENTS,
  type DeskCheck,
  type DeskDraft,
  type DeskError,
  EMPTY_DESK,
  needsVin,
  validateDesk,
} from './desk-form.ts';
import './WalletDesk.css';

type DeskState =
  | { kind: 'filling' }
  | { kind: 'sending' }
  | { kind: 'offered'; offer: WalletOffer }
  | { kind: 'refused'; error: unknown };

/**
 * The official's wallet desk: the citizen's personal number and the document, then a QR code
 * (an OpenID4VCI pre-authorized offer) and a transaction code shown to the citizen, who scans
 * one and types the other into their wallet. The personal number is not shown back.
 */
export function WalletDeskScreen() {
  const { t } = useTranslation();
  const [state, setState] = useState<DeskState>({ kind: 'filling' });

  async function send(checked: Extract<DeskCheck, { ok: true }>) {
    setState({ kind: 'sending' });
    try {
      setState({ kind: 'offered', offer: await makeOffer(checked.request) });
    } catch (error) {
      // An expired session has already gone back to sign-in.
      if (error instanceof ApiError && error.status === 401) return;
      setState({ kind: 'refused', error });
    }
  }

  return (
    <div className="stack">
      <PageHeading title={t('walletDesk.title')}>{t('walletDesk.title')}</PageHeading>
      <p className="lead">{t('walletDesk.intro')}</p>
      {state.kind === 'offered' ? (
        <OfferCard offer={state.offer} onDone={() => setState({ kind: 'filling' })} />
      ) : (
        <>
          <DeskForm busy={state.kind === 'sending'} onSubmit={send} />
          {state.kind === 'refused' && <DeskRefusal error={state.error} />}
        </>
      )}
      <p>
        <Link href={WORKSPACE_PATH}>{t('walletDesk.backToWorkspace')}</Link>
      </p>
    </div>
  );
}

function DeskForm({
  busy,
  onSubmit,
}: {
  busy: boolean;
  onSubmit: (checked: Extract<DeskCheck, { ok: true }>) => void;
}) {
  const { t } = useTranslation();
  const { draft, setDraft, forget, field, form } = useCheckedForm({
    empty: EMPTY_DESK,
    check: validateDesk,
    describe: (error: DeskError, current: DeskDraft) => fieldError(error, current, t),
    busy,
    onValid: onSubmit,
  });
  return (
    <CheckedForm
      title={t('walletDesk.formTitle')}
      summaryTitle={t('walletDesk.errorSummary')}
      form={form}
      submitLabel={t('walletDesk.submit')}
      busy={busy}
    >
      <TextField
        {...field('personalNumber')}
        label={t('walletDesk.personalNumber')}
        hint={t('walletDesk.personalNumberHint')}
        numeric
        short
        maxLength={14}
      />
      <SelectField
        {...field('configurationId')}
        label={t('walletDesk.document')}
        placeholder={t('walletDesk.chooseDocument')}
        options={DESK_DOCUMENTS.map((id) => ({ value: id, label: t(`walletDesk.documents.${id}`) }))}
        onChange={(value) => {
          setDraft((current) => ({ ...current, configurationId: value as DeskDraft['configurationId'] }));
          if (value) forget('configurationId', 'vin');
        }}
      />
      {needsVin(draft.configurationId) && (
        <VinField {...field('vin')} label={t('walletDesk.vin')} hint={t('walletDesk.vinHint')} />
      )}
    </CheckedForm>
  );
}

function fieldError(error: DeskError, draft: DeskDraft, t: TFunction): string {
  switch (error.problem) {
    case 'required':
      return t(`walletDesk.fieldErrors.${error.field}Required`);
    case 'personal-number-digits':
      return t('walletDesk.fieldErrors.personalNumberDigits');
    case 'vin-length':
      return t('vehicleCheck.fieldErrors.vinLength', { count: normaliseVin(draft.vin).length });
    case 'vin-ioq':
      return t('vehicleCheck.fieldErrors.vinIoq');
    case 'vin-characters':
      return t('vehicleCheck.fieldErrors.vinCharacters');
  }
}

/** The offer to show the citizen: its QR code, its transaction code and until when it is open. */
function OfferCard({ offer, onDone }: { offer: WalletOffer; onDone: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const qr = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(offer.qrSvg)}`;
  return (
    <div ref={heading} tabIndex={-1} className="stack">
      <Alert tone="success" title={t('walletDesk.offeredTitle')}>
        <p>{t('walletDesk.offeredBody')}</p>
      </Alert>
      <Card title={t('walletDesk.showCitizen')}>
        <div className="wallet-desk__offer">
          <img className="wallet-desk__qr" src={qr} alt={t('walletDesk.qrAlt')} width={256} height={256} />
          <div className="stack">
            <p>{t('walletDesk.txCodeLabel')}</p>
            <p className="wallet-desk__tx-code" data-testid="tx-code">
              {offer.txCode}
            </p>
            <p>{t('walletDesk.expires', { time: dateTime(offer.expiresAt) })}</p>
            <p className="form-hint">{t('walletDesk.byLinkHint')}</p>
            <a className="wallet-desk__link" href={offer.offerByReferenceUri}>
              {t('walletDesk.byLink')}
            </a>
          </div>
        </div>
      </Card>
      <p>
        <Button variant="secondary" onClick={onDone}>
          {t('walletDesk.another')}
        </Button>
      </p>
    </div>
  );
}

function DeskRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t('walletDesk.refusedTitle')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
