/**
 * Rows of an `UPDATE … RETURNING` or `DELETE … RETURNING`. TypeORM's node-postgres path answers those
 * with `[rows, affectedCount]`, the PGlite path with the rows alone; SELECT and INSERT rows are never arrays.
 */
export function returned<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
