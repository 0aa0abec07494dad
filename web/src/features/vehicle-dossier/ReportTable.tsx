import { type ReactNode, useId } from 'react';

export interface ReportColumn {
  label: string;
  /** Right-aligned, for amounts and kilometres. */
  numeric?: boolean;
  /** Kept on one line where there is room (dates). */
  nowrap?: boolean;
  /** The language of the column's values when it is not the page's (`bg` for register text). */
  lang?: string;
}

export interface ReportRow {
  key: string;
  /** Highlighted: a failed inspection, an unpaid fine, a rolled-back reading. */
  alert?: boolean;
  /** One cell per column; the first is the row's header. */
  cells: readonly ReactNode[];
}

interface ReportTableProps {
  caption: string;
  columns: readonly ReportColumn[];
  rows: readonly ReportRow[];
}

/**
 * A captioned data table. On a phone each row becomes a stacked block, every value with its
 * column's name beside it (from `data-label`), so nothing is cut off or scrolls sideways. The
 * explicit roles keep it a table for screen readers when the layout stops being one (Safari
 * drops table semantics from cells whose `display` is changed).
 */
export function ReportTable({ caption, columns, rows }: ReportTableProps) {
  const captionId = useId();
  const classOf = (column: ReportColumn | undefined) =>
    [column?.numeric && 'report-table__number', column?.nowrap && 'report-table__nowrap']
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <section className="report-table-wrap" aria-labelledby={captionId}>
      {/* biome-ignore lint/a11y/noRedundantRoles: the phone layout restyles the table; the roles keep its semantics. */}
      <table className="report-table" role="table">
        <caption id={captionId}>{caption}</caption>
        {/* biome-ignore lint/a11y/noRedundantRoles: see the table above. */}
        <thead role="rowgroup">
          {/* biome-ignore lint/a11y/noRedundantRoles: see the table above. */}
          <tr role="row">
            {columns.map((column) => (
              // biome-ignore lint/a11y/noRedundantRoles: see the table above.
              <th key={column.label} scope="col" role="columnheader" className={classOf(column)}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {/* biome-ignore lint/a11y/noRedundantRoles: see the table above. */}
        <tbody role="rowgroup">
          {rows.map((row) => (
            // biome-ignore lint/a11y/noRedundantRoles: see the table above.
            <tr key={row.key} role="row" className={row.alert ? 'report-table__row--alert' : undefined}>
              {row.cells.map((cell, index) => {
                const column = columns[index];
                const props = { 'data-label': column?.label, className: classOf(column), lang: column?.lang };
                return index === 0 ? (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a cell's place is its column.
                  // biome-ignore lint/a11y/noRedundantRoles: see the table above.
                  <th key={index} scope="row" role="rowheader" {...props}>
                    {cell}
                  </th>
                ) : (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a cell's place is its column.
                  // biome-ignore lint/a11y/noRedundantRoles: see the table above.
                  <td key={index} role="cell" {...props}>
                    {/* One box for the value, beside its label on a phone, however many parts it has. */}
                    <span className="report-table__value">{cell}</span>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
