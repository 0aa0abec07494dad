import { useTranslation } from 'react-i18next';
import { Link } from '../../app/routing/Link.tsx';
import { useSavedApiResource } from '../../shared/api/use-api-resource.ts';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Alert } from '../../shared/ui/Alert.tsx';
import type { HealthPatient } from './health-api.ts';
import { fetchNotices } from './health-requests.ts';

/**
 * Emergency ("break-glass") openings of the person's or their children's record, shown first:
 * a doctor outside the care relationship read it, with the reason they gave. A failed load says
 * nothing here: the accesses themselves are listed under "Who accessed my record" as well.
 */
export function BreakGlassNotices({ patients }: { patients: readonly HealthPatient[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const { state } = useSavedApiResource(fetchNotices);
  if (state.kind !== 'loaded' || state.value.length === 0) return null;
  const nameOf = (patientId: string | null) => patients.find((patient) => patient.patientId === patientId);
  return (
    <Alert tone="warning" title={t('health.notices.title', { count: state.value.length })}>
      <ul className="health-notices">
        {state.value.map((notice) => {
          const patient = nameOf(notice.patientId);
          return (
            <li key={notice.id}>
              <p>
                {t('health.notices.opened', {
                  time: format.dateTime(notice.at),
                  who: notice.practitioner ?? t('health.notices.aDoctor'),
                  organisation: notice.organisation ?? '—',
                })}
                {patient && !patient.self && ` ${t('health.notices.childRecord', { name: patient.name })}`}
              </p>
              {notice.reason && <p>{t('health.notices.reason', { reason: notice.reason })}</p>}
            </li>
          );
        })}
      </ul>
      <p>
        {t('health.notices.explanation')} <Link href="/data-usage">{t('health.accesses.allUses')}</Link>
      </p>
    </Alert>
  );
}
