import type { ColumnType, ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';

/** A table row on a phone: the name first, then the details that sit in their own columns on a desktop. */
export function PhoneCell({ title, lines }: { title: ReactNode; lines: ReactNode[] }) {
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
      <div style={{ fontWeight: 500, wordBreak: 'break-all' }}>{title}</div>
      {lines.filter(Boolean).map((l, i) => (
        <div key={i} style={{ color: 'rgba(0,0,0,0.55)', fontSize: 12, wordBreak: 'break-all' }}>
          {l}
        </div>
      ))}
    </div>
  );
}

/**
 * On a phone a table keeps one column of names (`phoneColumn`) and its actions; on a desktop all
 * `columns`. Nothing scrolls off the side of a 390-px screen.
 */
export function phoneColumns<T>(phone: boolean, phoneColumn: ColumnType<T>, columns: ColumnsType<T>): ColumnsType<T> {
  if (!phone) return columns;
  return [phoneColumn, ...columns.filter((c) => c.key === 'actions').map((c) => ({ ...c, fixed: undefined, width: undefined }))];
}
