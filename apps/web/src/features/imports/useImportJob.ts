import { JobState, type ImportKind, type JobDto } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { isApiError } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';

const POLL_MS = 500;
const RUNNING: ReadonlySet<JobState> = new Set([JobState.Waiting, JobState.Active, JobState.Delayed]);

/** `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job. */
export type ImportPhase =
  | 'idle'
  | 'uploading'
  | 'waiting'
  | 'processing'
  | 'completed'
  | 'failed'
  | 'lost'
  | 'stalled';

function storageKey(kind: ImportKind, conferenceId: string): string {
  return `bridgepoint.import.${conferenceId}.${kind}`;
}

function phaseOf(job: JobDto | undefined): ImportPhase {
  if (!job) return 'waiting';
  switch (job.state) {
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
 * Upload a file, then follow its job until it finishes. The job id is kept in sessionStorage
 * so a reload during a long import picks the progress up again.
 */
export function useImportJob(kind: ImportKind, conferenceId: string) {
  const queryClient = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(() => sessionStorage.getItem(storageKey(kind, conferenceId)));
  const [uploadPercent, setUploadPercent] = useState(0);

  const upload = useMutation({
    mutationFn: (file: File) => api.startImport(kind, file, conferenceId, setUploadPercent),
    onMutate: () => {
      setUploadPercent(0);
      setJobId(null);
      sessionStorage.removeItem(storageKey(kind, conferenceId));
    },
    onSuccess: ({ jobId: id }) => {
      sessionStorage.setItem(storageKey(kind, conferenceId), id);
      setJobId(id);
    },
  });

  const job = useQuery({
    queryKey: queryKeys.job(jobId ?? ''),
    queryFn: () => api.job(jobId ?? ''),
    enabled: jobId !== null,
    staleTime: 0,
    retry: (count, error) => !(isApiError(error) && error.status === 404) && count < 3,
    refetchInterval: (query) => {
      if (query.state.status === 'error') return false;
      const state = query.state.data?.state;
      return state === undefined || RUNNING.has(state) ? POLL_MS : false;
    },
  });

  const phase: ImportPhase = upload.isPending
    ? 'uploading'
    : upload.isError
      ? 'failed'
      : jobId === null
        ? 'idle'
        : job.isError
          ? isApiError(job.error) && job.error.status === 404
            ? 'lost'
            : 'stalled'
          : phaseOf(job.data);

  useEffect(() => {
    if (phase !== 'completed') return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.conference(conferenceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conferences, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.units });
  }, [phase, queryClient, conferenceId]);

  const reset = () => {
    upload.reset();
    setJobId(null);
    setUploadPercent(0);
    sessionStorage.removeItem(storageKey(kind, conferenceId));
  };

  const percent =
    phase === 'uploading' ? uploadPercent : phase === 'completed' ? 100 : Math.max(0, Math.min(100, job.data?.progress ?? 0));

  return {
    phase,
    percent,
    jobId,
    job: job.data,
    uploadError: upload.error,
    pollError: job.error,
    start: (file: File) => upload.mutate(file),
    reset,
    retryPoll: () => void job.refetch(),
  };
}
