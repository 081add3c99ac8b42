import type { ComponentChildren } from 'preact';

export interface TableColumn {
  /** Header text, or a link for a sortable column. */
  header: ComponentChildren;
  /** Numbers are right-aligned so that their digits line up. */
  numeric?: boolean;
  /** Set on the column the rows are sorted by. */
  sort?: 'ascending' | 'descending';
}

export interface TableProps {
  caption: string;
  columns: readonly TableColumn[];
  /** One array of cells per row, in column order. */
  rows: readonly (readonly ComponentChildren[])[];
  /** The first cell of each row names the row (th scope="row"). */
  firstCellIsHeader?: boolean;
}

/** A data table with a caption and column headers, scrolling sideways on narrow screens. */
export function Table({ caption, columns, rows, firstCellIsHeader = false }: TableProps) {
  const numClass = (index: number) => (columns[index]?.numeric ? 'num' : undefined);
  return (
    <div class="table-wrap">
      <table class="table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col" class={numClass(index)} aria-sort={column.sort}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((cells, rowIndex) => (
            <tr key={rowIndex}>
              {cells.map((cell, index) =>
                index === 0 && firstCellIsHeader ? (
                  <th key={index} scope="row" class={numClass(index)}>
                    {cell}
                  </th>
                ) : (
                  <td key={index} class={numClass(index)}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
