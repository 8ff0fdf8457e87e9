/** TypeORM answers UPDATE/DELETE … RETURNING on PostgreSQL as [rows, affected]; INSERT … RETURNING as rows. */
export function returnedRows<T>(result: unknown): T[] {
  return Array.isArray(result) && Array.isArray(result[0]) ? (result[0] as T[]) : (result as T[]);
}
