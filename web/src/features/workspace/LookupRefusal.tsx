import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api/api-error.ts';
import { describeError } from '../../shared/api/describe-error.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import type { LookupKind } from './lookup-form.ts';

/** Refusals the lookup explains in its own words (the API's are in English, and about the API). */
const EXPLAINED = [
  'purpose-not-allowed',
  'purpose-required',
  'person-not-found',
  'vehicle-not-found',
  'invalid-personal-number',
  'invalid-vin',
  'role-forbidden',
  'validation-failed',
  'not-vehicle-owner',
] as const;
type ExplainedCode = (typeof EXPLAINED)[number];

const isExplained = (code: string | undefined): code is ExplainedCode =>
  code !== undefined && (EXPLAINED as readonly string[]).includes(code);

/** Why a lookup was refused or failed, in the interface language. */
export function LookupRefusal({ error, kind }: { error: unknown; kind: LookupKind }) {
  const { t } = useTranslation();
  const code = error instanceof ApiError ? error.problem?.code : undefined;
  if (isExplained(code)) {
    return (
      <Alert tone="error" title={t('workspace.refusedTitle')}>
        <p>{t(`workspace.refusals.${code}`)}</p>
      </Alert>
    );
  }
  const { title, detail } = describeError(error, t);
  return (
    <Alert tone="error" title={t(kind === 'person' ? 'workspace.personFailed' : 'workspace.vehicleFailed')}>
      <p>{title}</p>
      {detail && <p>{detail}</p>}
    </Alert>
  );
}
