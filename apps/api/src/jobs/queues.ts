import type { ExportFormat, ExportKind, ExportLanguage, ImportKind, LinkChannel } from '@bridgepoint/contracts';

/** Every queue the platform runs, by name. One processor per queue. */
export const QUEUES = {
  imports: 'imports',
  exports: 'exports',
  snapshots: 'snapshots',
  /** Deletes uploads and exports past their retention. */
  cleanup: 'cleanup',
  /** Join links to operators, by mail or SMS gateway. */
  links: 'links',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ImportJobData {
  kind: ImportKind;
  uploadId: string;
  conferenceId: string | null;
  filename: string;
  /** Read, check and count what would change, write nothing, keep the upload for its commit. */
  dryRun?: boolean;
}

export interface LinksJobData {
  conferenceId: string;
  channel: LinkChannel;
  pointIds: string[];
}

export interface ExportJobData {
  conferenceId: string;
  /** A table, or the official record. */
  kind: ExportKind | 'record';
  format: ExportFormat | 'pdf';
  lang: ExportLanguage;
  userId: string | null;
  /** The record's scope: one district or one point (neither: the whole conference). */
  districtId?: string | null;
  pointId?: string | null;
}

/**
 * Import and export workers. The lock is renewed every half period while a job runs (parsing happens
 * in a worker thread, so the event loop is free to renew it); a process killed mid-job stops renewing,
 * and the stalled check of any live jobs process puts the job back in the queue within about
 * lock + 2 × interval (≈ 30 s) — once; a job that stalls twice fails with STALLED_REASON. Imports are
 * one transaction, so a killed one wrote nothing and its retry is safe.
 */
export const JOB_WORKER_OPTIONS = { concurrency: 1, lockDuration: 20_000, stalledInterval: 5_000, maxStalledCount: 1 } as const;

/** BullMQ's reason for a job that stalled more than maxStalledCount times, and what we tell people instead. */
export const BULLMQ_STALLED_REASON = 'job stalled more than allowable limit';
export const STALLED_REASON =
  'The server running this job stopped twice while it ran (restart or crash); nothing was written. Upload the file again.';

export const JOB_RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};

/** Retention cleanup of uploads and exports. */
export const CLEANUP_SCHEDULER_ID = 'file-retention';
export const CLEANUP_EVERY_MS = 15 * 60_000;

/** Snapshots of live conferences' attendance, once a minute. */
export const SNAPSHOT_SCHEDULER_ID = 'attendance-snapshots';
export const SNAPSHOT_EVERY_MS = 60_000;
