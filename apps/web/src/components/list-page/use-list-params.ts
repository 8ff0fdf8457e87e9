import { useSearchParams } from 'react-router-dom';

/** How a filter value is written in the address: `?status=pending&overdue=true&page=2`. */
export type FieldKind = 'string' | 'number' | 'boolean';

export interface PageParams {
  page?: number;
  pageSize?: number;
}

type FilterKey<F> = Exclude<keyof F, 'page' | 'pageSize'> & string;

export interface ListParamsOptions<F extends PageParams> {
  /** The filter a list opens with (page 1 of 20 unless given). Values equal to these stay out of the address. */
  defaults: F;
  /** The filter fields the address holds, with their kind. Other query parameters (e.g. a page's `tab`) are left alone. */
  fields: Partial<Record<FilterKey<F>, FieldKind>>;
}

export interface ListParams<F extends PageParams> {
  /** The filter as read from the address, defaults filled in, with `page` and `pageSize`. */
  filter: F & Required<PageParams>;
  /** Changes filter fields and goes back to page 1 (a new history entry, so Back undoes it). */
  set: (patch: Partial<F>) => void;
  /** Goes to a page (the table's pagination). */
  setPage: (page: number, pageSize?: number) => void;
}

const PAGE = 1;
const PAGE_SIZE = 20;

function parse(kind: FieldKind, raw: string): unknown {
  // An empty value means "cleared" (a default that the user took away, e.g. status 全部).
  if (raw === '') return undefined;
  if (kind === 'number') {
    const n = Number(raw);
    return Number.isFinite(n) ? n : undefined;
  }
  if (kind === 'boolean') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  return raw;
}

function positive(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : fallback;
}

/**
 * A list's filter and page held in the address (so Back/Forward, a reload and a shared link keep
 * them), typed by `fields`. Only the fields named are read; anything else in the query string stays.
 */
export function useListParams<F extends PageParams>({ defaults, fields }: ListParamsOptions<F>): ListParams<F> {
  const [params, setParams] = useSearchParams();
  const defs = defaults as Record<string, unknown>;
  const defaultPage = defaults.page ?? PAGE;
  const defaultPageSize = defaults.pageSize ?? PAGE_SIZE;
  const keys = Object.keys(fields) as string[];

  // Cheap to read on every render; react-query compares the filter by value.
  const read: Record<string, unknown> = { ...defs };
  for (const key of keys) {
    const raw = params.get(key);
    if (raw !== null) read[key] = parse(fields[key as FilterKey<F>] as FieldKind, raw);
  }
  read.page = positive(params.get('page'), defaultPage);
  read.pageSize = positive(params.get('pageSize'), defaultPageSize);
  const filter = read as unknown as F & Required<PageParams>;

  const write = (next: Record<string, unknown>) =>
    setParams((prev) => {
      const p = new URLSearchParams(prev);
      for (const key of [...keys, 'page', 'pageSize']) {
        const value = next[key];
        const fallback = key === 'page' ? defaultPage : key === 'pageSize' ? defaultPageSize : defs[key];
        if (value === fallback || (value == null && fallback == null)) p.delete(key);
        else p.set(key, value == null ? '' : String(value));
      }
      return p;
    });

  return {
    filter,
    set: (patch) => write({ ...read, ...patch, page: PAGE }),
    setPage: (page, pageSize) => write({ ...read, page, pageSize: pageSize ?? read.pageSize }),
  };
}
