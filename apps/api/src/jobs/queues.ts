import type { ImportKind } from '@bridgepoint/contracts';

/** Every queue the platform runs, by name. One processor per queue. */
export const QUEUES = {
  imports: 'imports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface ImportJobData {
  kind: ImportKind;
  uploadId: string;
  conferenceId: string | null;
  filename: string;
}

/** Above the longest job: a 23,041-row XLSX import takes seconds; this leaves a wide margin. */
export const JOB_LOCK_MS = 5 * 60_000;

export const JOB_RETENTION = {
  removeOnComplete: { age: 7 * 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 1000 },
};
