import type { DataSource } from 'typeorm';

/** Tombstones (rows whose content was deleted) are kept this much longer, so late links get "expired", not "unknown". */
export const TOMBSTONE_HOURS = 30 * 24;

export interface RetentionOutcome {
  uploadsExpired: number;
  exportsExpired: number;
  tombstonesDeleted: number;
}

const count = (result: unknown): number => {
  // UPDATE/DELETE … RETURNING: rows, or [rows, affected] depending on the driver.
  if (Array.isArray(result) && Array.isArray(result[0])) return (result[0] as unknown[]).length;
  return Array.isArray(result) ? result.length : 0;
};

/**
 * Deletes the content of uploads and exports older than their retention (personal data), failed and
 * never-committed uploads included; the rows stay a while as tombstones so a late download or commit
 * is told the file expired.
 */
export async function expireFiles(dataSource: DataSource, uploadHours: number, exportHours: number): Promise<RetentionOutcome> {
  const uploads = await dataSource.query(
    `UPDATE uploads SET content = NULL, expired_at = now()
      WHERE expired_at IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING id`,
    [uploadHours],
  );
  // Not named `exports`: compiled to CommonJS, that name would hide the module's own exports (TOMBSTONE_HOURS).
  const exported = await dataSource.query(
    `UPDATE export_files SET content = NULL, expired_at = now()
      WHERE expired_at IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING id`,
    [exportHours],
  );
  const oldUploads = await dataSource.query(
    'DELETE FROM uploads WHERE content IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING id',
    [uploadHours + TOMBSTONE_HOURS],
  );
  const oldExports = await dataSource.query(
    'DELETE FROM export_files WHERE content IS NULL AND created_at < now() - make_interval(hours => $1) RETURNING id',
    [exportHours + TOMBSTONE_HOURS],
  );
  return { uploadsExpired: count(uploads), exportsExpired: count(exported), tombstonesDeleted: count(oldUploads) + count(oldExports) };
}
