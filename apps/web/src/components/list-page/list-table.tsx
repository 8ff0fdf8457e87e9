import { Table, type TableProps } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { Paginated } from '@wenming/shared';
import { ErrorState } from '@/components/ui/states';
import { fmt, t } from '@/lib/i18n';

export interface ListTableProps<T> extends Omit<TableProps<T>, 'dataSource' | 'pagination' | 'loading'> {
  /** A react-query answer of one page of the list (`Paginated<T>`). */
  query: UseQueryResult<Paginated<T>>;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  /** Shown when the list is empty (antd's 暂无数据 otherwise). */
  empty?: ReactNode;
}

/**
 * One page of a list from the API: the table with its pagination (共 N 条), a spinner while a page
 * loads (the previous page stays visible), the API's message with 重试 when loading fails, and an
 * empty text.
 */
export function ListTable<T extends object>({ query, page, pageSize, onPage, empty, locale, ...table }: ListTableProps<T>) {
  if (query.isError && !query.data) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<T>
      rowKey="id"
      loading={query.isFetching}
      dataSource={query.data?.items ?? []}
      locale={empty !== undefined ? { ...locale, emptyText: empty } : locale}
      pagination={{
        current: page,
        pageSize,
        total: query.data?.total ?? 0,
        showTotal: (n) => fmt(t.common.total, { n }),
        onChange: onPage,
      }}
      {...table}
    />
  );
}
