/**
 * SQL fragments that put the names a screen shows next to the ids an answer holds (issue 10). Every list resolves
 * them in the same statement as its rows (joins), never with one query per row.
 */

/** The town (region id) of a site whose region row is aliased `r` (the one definition: statistics, names, filters): the region itself if a town, its parent if a
 *  village/community, null for the county (the center). Same rule as the statistics' town mapping. */
export const townIdOf = (r: string) => `(CASE WHEN ${r}.level = 'town' THEN ${r}.id WHEN ${r}.level IN ('village', 'community') THEN ${r}.parent_id END)`;

/**
 * Joins that name a site (`<p>s`), its region (`<p>r`) and its town (`<p>tw`, may be null) for the site id
 * expression `siteId`. `left` makes the site join optional (e.g. a login without a site).
 */
export function siteJoins(siteId: string, p: string, left = false): string {
  const j = left ? 'LEFT JOIN' : 'JOIN';
  return `${j} sites ${p}s ON ${p}s.id = ${siteId}
    ${j} regions ${p}r ON ${p}r.id = ${p}s.region_id
    LEFT JOIN regions ${p}tw ON ${p}tw.id = ${townIdOf(`${p}r`)}`;
}

/** Sites of a town: a region subquery usable as `site_id IN (…)`; `town` is an SQL parameter placeholder. */
export const sitesOfTown = (town: string) => `(SELECT ts.id FROM sites ts JOIN regions tr ON tr.id = ts.region_id WHERE tr.id = ${town} OR tr.parent_id = ${town})`;

/** Regions whose town's name matches `pattern` (an ILIKE parameter placeholder): a site search by town, as `region_id IN (…)`. */
export const regionsOfTownNamed = (pattern: string) => `(SELECT nr.id FROM regions nr JOIN regions ntw ON ntw.id = ${townIdOf('nr')} WHERE ntw.name ILIKE ${pattern})`;

/**
 * The name of a login for the alias `u` of users (with `uv` = its volunteer, `us` = its site, both LEFT JOINed):
 * the volunteer's name; else the role's label with the site, e.g. 县文明办管理员 / 永清镇新时代文明实践所管理员.
 */
export const loginNameOf = (u: string, uv: string, us: string) =>
  `(CASE WHEN ${u}.id IS NULL THEN NULL
         WHEN ${uv}.name IS NOT NULL THEN ${uv}.name
         WHEN ${u}.role = 'county_admin' THEN '县文明办管理员'
         WHEN ${u}.role = 'site_admin' THEN coalesce(${us}.name, '') || '管理员'
         ELSE '志愿者' END)`;

/** LEFT JOINs for loginNameOf, for the user id expression `userId`, aliases `<p>u`, `<p>uv`, `<p>us`. */
export function loginJoins(userId: string, p: string): string {
  return `LEFT JOIN users ${p}u ON ${p}u.id = ${userId}
    LEFT JOIN volunteers ${p}uv ON ${p}uv.id = ${p}u.volunteer_id
    LEFT JOIN sites ${p}us ON ${p}us.id = ${p}u.site_id`;
}

/** A scalar subquery naming the login `userId` (for RETURNING clauses and single rows). */
export const loginNameSubquery = (userId: string) =>
  `(SELECT ${loginNameOf('nu', 'nuv', 'nus')} FROM users nu LEFT JOIN volunteers nuv ON nuv.id = nu.volunteer_id
      LEFT JOIN sites nus ON nus.id = nu.site_id WHERE nu.id = ${userId})`;
