import type { ReactNode } from 'react';
import { Flex } from 'antd';
import { ListTable, type ListTableProps } from './list-table';

/** The row of filters above a list; `extra` (e.g. an export button) sits at the right. */
export function FilterBar({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  if (!extra) {
    return (
      <Flex wrap gap={8} style={{ marginBottom: 12 }}>
        {children}
      </Flex>
    );
  }
  return (
    <Flex wrap gap={8} justify="space-between" style={{ marginBottom: 12 }}>
      <Flex wrap gap={8} align="center">
        {children}
      </Flex>
      {extra}
    </Flex>
  );
}

/**
 * A list page's body: the filter bar and one page of the list (see ListTable). Pair it with
 * useListParams so the address holds the filters and the page:
 *
 *   const { filter, set, setPage } = useListParams<TeamFilter>({ defaults: {}, fields: { type: 'string', q: 'string' } });
 *   const query = useTeams(filter);
 *   <ListPage filters={…} query={query} page={filter.page} pageSize={filter.pageSize} onPage={setPage} columns={…} />
 */
export function ListPage<T extends object>({ filters, filterExtra, ...table }: ListTableProps<T> & { filters?: ReactNode; filterExtra?: ReactNode }) {
  return (
    <>
      {filters ? <FilterBar extra={filterExtra}>{filters}</FilterBar> : null}
      <ListTable<T> {...table} />
    </>
  );
}
