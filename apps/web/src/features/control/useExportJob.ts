import type { ExportRequest, ExportResult, RecordExportRequest } from '@bridgepoint/contracts';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../lib/endpoints';
import { useTrackedJob, type TrackedJobPhase } from '../../lib/useTrackedJob';

/** `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job. */
export type ExportPhase = TrackedJobPhase | 'starting';

const storageKey = (conferenceId: string, slot: string) => `bridgepoint.${slot}.${conferenceId}`;

/**
 * Ask for an export, follow its job, then download the file with the session's token. The job id
 * is kept in sessionStorage (one per `slot`) so a reload while a large export runs picks it up again.
 */
export function useExportJob(conferenceId: string, slot = 'export') {
  const tracked = useTrackedJob<ExportResult>(storageKey(conferenceId, slot));
  const { job } = tracked;

  const start = useMutation({
    mutationFn: (body: ExportRequest | RecordExportRequest) => api.startExport(conferenceId, body),
    onMutate: tracked.clear,
    onSuccess: ({ jobId: id }) => tracked.track(id),
  });

  const download = useMutation({ mutationFn: api.downloadExport });

  /** A job that completed without a file has failed. */
  const phase: ExportPhase = start.isPending
    ? 'starting'
    : tracked.phase === 'completed' && !job.data?.result
      ? 'failed'
      : tracked.phase;

  const percent = phase === 'completed' ? 100 : tracked.progress;

  return {
    phase,
    percent,
    job: job.data,
    startError: start.error,
    pollError: job.error,
    start: (body: ExportRequest | RecordExportRequest) => {
      download.reset();
      start.mutate(body);
    },
    retryPoll: () => void job.refetch(),
    download: () => {
      if (job.data?.result && !download.isPending) download.mutate(job.data.result);
    },
    downloading: download.isPending,
    downloadError: download.error,
  };
}
