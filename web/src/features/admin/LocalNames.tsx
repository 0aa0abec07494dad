import type { LocalName } from '../../shared/i18n/code-labels.tsx';

/** Names one under the other: the first plain, the rest secondary (e.g. administration, then system). */
export function LocalNames({ names }: { names: readonly LocalName[] }) {
  return (
    <>
      {names.map((name, index) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, short list rendered in order.
          key={index}
          lang={name.lang}
          className={index === 0 ? 'admin-names__first' : 'admin-names__more secondary-text'}
        >
          {name.text}
        </span>
      ))}
    </>
  );
}
