import type { ExportFormat, ExportKind, ExportLanguage, ImportKind } from '@bridgepoint/contracts';

/** Every queue the platform runs, by name. One processor per queue. */
export const QUEUES = {
  imports: 'imports',
  exports: 'exports',
  snapshots: 'snapshots',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ImportJobData {
  kind: ImportKind;
  uploadId: string;
  conferenceId: string | null;
  filename: string;
}

export interface ExportJobData {
  conferenceId: string;
  kind: ExportKind;
  format: ExportFormat;
  lang: ExportLanguage;
  userId: string | null;
}

/** Above the longest job: a 23,041-row XLSX import or export takes seconds; this leaves a wide margin. */
export const JOB_LOCK_MS = 5 * 60_000;

export const JOB_RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

/** Snapshots of live conferences' attendance, once a minute. */
export const SNAPSHOT_SCHEDULER_ID = 'attendance-snapshots';
export const SNAPSHOT_EVERY_MS = 60_000;
