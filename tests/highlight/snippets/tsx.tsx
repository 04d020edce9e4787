import { useMemo, type ReactNode } from "react";

interface Column<T> {
  key: keyof T;
  title: string;
  render?: (row: T) => ReactNode;
}

interface Props<T> {
  rows: T[];
  columns: Column<T>[];
  empty?: string;
}

// A generic, sortable table.
export function Table<T extends { id: string }>({ rows, columns, empty = "Nothing here" }: Props<T>) {
  const sorted = useMemo(() => [...rows].sort((a, b) => a.id.localeCompare(b.id)), [rows]);
  if (sorted.length === 0) {
    return <p className="empty">{empty}</p>;
  }
  return (
    <table className="data">
      <thead>
        <tr>{columns.map((c) => <th key={String(c.key)}>{c.title}</th>)}</tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={row.id}>
            {columns.map((c) => (
              <td key={String(c.key)}>{c.render ? c.render(row) : String(row[c.key])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
