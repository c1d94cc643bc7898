import { JobState, type JobDto } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isApiError } from './api';
import { api, queryKeys } from './endpoints';

const POLL_MS = 500;
const RUNNING: ReadonlySet<JobState> = new Set([JobState.Waiting, JobState.Active, JobState.Delayed]);

/** `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job. */
export type TrackedJobPhase = 'idle' | 'waiting' | 'processing' | 'completed' | 'failed' | 'lost' | 'stalled';

function phaseOf(job: JobDto<unknown> | undefined): TrackedJobPhase {
  switch (job?.state) {
    case JobState.Completed:
      return 'completed';
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
 * Follow a background job until it finishes. The job id is kept in sessionStorage under
 * `storageKey`, so a reload while the job runs picks its progress up again.
 */
export function useTrackedJob<R>(storageKey: string) {
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(storageKey));

  const job = useQuery({
    queryKey: queryKeys.job(jobId ?? ''),
    queryFn: () => api.job<R>(jobId ?? ''),
    enabled: jobId !== null,
    staleTime: 0,
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 3,
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      const state = query.state.data?.state;
      return state === undefined || RUNNING.has(state) ? POLL_MS : false;
    },
  });

  const phase: TrackedJobPhase =
    jobId === null
      ? 'idle'
      : job.isError
        ? isApiError(job.error) && job.error.status === 404
          ? 'lost'
          : 'stalled'
        : phaseOf(job.data);

  return {
    jobId,
    job,
    phase,
    /** The job's own progress, 0..100. */
    progress: Math.max(0, Math.min(100, job.data?.progress ?? 0)),
    track: (id: string) => {
      sessionStorage.setItem(storageKey, id);
      setJobId(id);
    },
    clear: () => {
      setJobId(null);
      sessionStorage.removeItem(storageKey);
    },
  };
}
