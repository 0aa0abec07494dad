import type { Pair } from '@civitas/contracts/api/exchange-admin.ts';
import { useTranslation } from 'react-i18next';
import { legalBasisLabel, purposeLabel } from '../../shared/i18n/code-labels.tsx';

/** Purpose–legal basis pairs in words: each purpose with the basis it is granted on. */
export function PairList({ pairs, hideable }: { pairs: readonly Pair[]; hideable: ReadonlySet<string> }) {
  const { t } = useTranslation();
  return (
    <ul className="admin-pairs">
      {pairs.map((pair) => (
        <li key={`${pair.purpose} ${pair.legalBasis}`} className="admin-pairs__item">
          <span className="admin-pairs__purpose">{purposeLabel(pair.purpose, t)}</span>
          <span className="secondary-text">
            {t('admin.rights.onBasis', { basis: legalBasisLabel(pair.legalBasis, t) })}
            {hideable.has(pair.legalBasis) && ` (${t('admin.rights.hideable')})`}
          </span>
        </li>
      ))}
    </ul>
  );
}
