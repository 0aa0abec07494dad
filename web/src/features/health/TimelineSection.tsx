import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../shared/i18n/use-formatters.ts';
import { Button } from '../../shared/ui/Button.tsx';
import { Card } from '../../shared/ui/Card.tsx';
import type { HealthRecord } from './fhir-record.ts';
import { timelineOf } from './timeline.ts';

const PAGE = 25;

/** Visits, hospital stays, vaccinations, prescriptions, procedures and documents, newest first. */
export function TimelineSection({ record }: { record: HealthRecord }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const [shown, setShown] = useState(PAGE);
  const items = timelineOf(record, i18n.resolvedLanguage ?? i18n.language);
  const gp = record.patient?.generalPractitioner?.find((reference) => reference.display)?.display;
  return (
    <Card title={t('health.timeline.title')}>
      {gp && <p>{t('health.timeline.gp', { name: gp })}</p>}
      {items.length === 0 && <p>{t('health.timeline.empty')}</p>}
      <ol className="health-timeline">
        {items.slice(0, shown).map((item) => (
          <li key={item.key} className={`health-timeline__item health-timeline__item--${item.kind}`}>
            <p className="health-timeline__date">
              {item.end
                ? t('health.timeline.period', {
                    from: format.date(item.date.slice(0, 10)),
                    to: format.date(item.end.slice(0, 10)),
                  })
                : format.date(item.date.slice(0, 10))}
            </p>
            <p className="health-timeline__what">
              <span className="health-timeline__kind">{t(`health.timeline.kind.${item.kind}`)}</span>
              {item.title && <span>{item.title}</span>}
            </p>
            {item.by && <p className="secondary-text">{item.by}</p>}
          </li>
        ))}
      </ol>
      {items.length > shown && (
        <Button variant="secondary" onClick={() => setShown((value) => value + PAGE)}>
          {t('health.timeline.more', { count: items.length - shown })}
        </Button>
      )}
    </Card>
  );
}
