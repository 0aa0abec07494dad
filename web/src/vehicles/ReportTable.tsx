import { type ReactNode, useId } from 'react';

export interface ReportColumn {
  label: string;
  /** Right-aligned, for amounts and kilometres. */
  numeric?: boolean;
}

interface ReportTableProps {
  caption: string;
  columns: readonly ReportColumn[];
  /** The rows (`<tr>`), their first cell a `<th scope="row">`. */
  children: ReactNode;
}

/**
 * A captioned data table. On a narrow screen it scrolls sideways inside a focusable region named
 * by its caption, so keyboard users can scroll it too.
 */
export function ReportTable({ caption, columns, children }: ReportTableProps) {
  const captionId = useId();
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be focusable to be scrolled by keyboard.
    <section className="report-table-wrap" aria-labelledby={captionId} tabIndex={0}>
      <table className="report-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={column.numeric ? 'report-table__number' : undefined}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </section>
  );
}
