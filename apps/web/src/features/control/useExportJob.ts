import { JobState, type ExportRequest, type ExportResult, type JobDto } from '@bridgepoint/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';

const POLL_MS = 500;
const RUNNING: ReadonlySet<JobState> = new Set([JobState.Waiting, JobState.Active, JobState.Delayed]);

/** `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job. */
export type ExportPhase = 'idle' | 'starting' | 'waiting' | 'processing' | 'completed' | 'failed' | 'lost' | 'stalled';

const storageKey = (conferenceId: string) => `bridgepoint.export.${conferenceId}`;

function phaseOf(job: JobDto<ExportResult> | undefined): ExportPhase {
  switch (job?.state) {
    case JobState.Completed:
      return job.result ? 'completed' : 'failed';
    case JobState.Failed:
      return 'failed';
    case JobState.Unknown:
      return 'lost';
    case JobState.Active:
      return 'processing';
    default:
      return 'waiting';
  }
}

/**
 * Ask for an export, follow its job, then download the file with the session's token. The job id
 * is kept in sessionStorage so a reload while a large export runs picks it up again.
 */
export function useExportJob(conferenceId: string) {
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(storageKey(conferenceId)));

  const start = useMutation({
    mutationFn: (body: ExportRequest) => api.startExport(conferenceId, body),
    onMutate: () => {
      setJobId(null);
      sessionStorage.removeItem(storageKey(conferenceId));
    },
    onSuccess: ({ jobId: id }) => {
      sessionStorage.setItem(storageKey(conferenceId), id);
      setJobId(id);
    },
  });

  const job = useQuery({
    queryKey: queryKeys.job(jobId ?? ''),
    queryFn: () => api.job<ExportResult>(jobId ?? ''),
    enabled: jobId !== null,
    staleTime: 0,
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 3,
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      const state = query.state.data?.state;
      return state === undefined || RUNNING.has(state) ? POLL_MS : false;
    },
  });

  const download = useMutation({ mutationFn: api.downloadExport });

  const phase: ExportPhase = start.isPending
    ? 'starting'
    : jobId === null
      ? 'idle'
      : job.isError
        ? isApiError(job.error) && job.error.status === 404
          ? 'lost'
          : 'stalled'
        : phaseOf(job.data);

  const percent = phase === 'completed' ? 100 : Math.max(0, Math.min(100, job.data?.progress ?? 0));

  return {
    phase,
    percent,
    job: job.data,
    startError: start.error,
    pollError: job.error,
    start: (body: ExportRequest) => {
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
