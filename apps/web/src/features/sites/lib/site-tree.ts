import type { SiteDto } from '@wenming/shared';

export interface SiteNode extends SiteDto {
  children?: SiteNode[];
}

const LEVEL_ORDER = { center: 0, institute: 1, station: 2 } as const;

/**
 * The county as a tree: center → institutes → stations. Roots are the sites whose parent is not in
 * the list (the center for the county admin, their own institute for a site admin). With `q`, only
 * the sites whose name contains it are kept, together with their ancestors.
 */
export function buildSiteTree(sites: SiteDto[], q?: string): SiteNode[] {
  const needle = q?.trim();
  const byId = new Map(sites.map((s) => [s.id, s]));
  let keep: Set<string> | null = null;
  if (needle) {
    keep = new Set();
    for (const s of sites) {
      if (![s.name, s.address, s.townName].some((text) => text?.includes(needle))) continue; // as a clerk searches: 站名、地址或所在乡镇
      for (let cur: SiteDto | undefined = s; cur && !keep.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) keep.add(cur.id);
    }
  }
  const nodes = new Map<string, SiteNode>();
  for (const s of sites) if (!keep || keep.has(s.id)) nodes.set(s.id, { ...s });
  const roots: SiteNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId ? nodes.get(n.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  const sort = (list: SiteNode[]) => {
    list.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

/** Ids of every node that has children (to expand the whole filtered tree). */
export function parentIds(nodes: SiteNode[]): string[] {
  return nodes.flatMap((n) => (n.children?.length ? [n.id, ...parentIds(n.children)] : []));
}
