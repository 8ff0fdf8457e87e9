export { FilterBar, ListPage } from './list-page';
export { ListSearch } from './list-search';
export { ListTable, type ListTableProps } from './list-table';
export { useListParams, type FieldKind, type ListParams, type PageParams } from './use-list-params';
