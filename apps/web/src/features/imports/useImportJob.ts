import type { ImportKind, ImportResult } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, queryKeys } from '../../lib/endpoints';
import { useTrackedJob, type TrackedJobPhase } from '../../lib/useTrackedJob';

/** `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job. */
export type ImportPhase = TrackedJobPhase | 'uploading';

function storageKey(kind: ImportKind, conferenceId: string): string {
  return `bridgepoint.import.${conferenceId}.${kind}`;
}

/**
 * Upload a file, then follow its job until it finishes. The job id is kept in sessionStorage
 * so a reload during a long import picks the progress up again.
 */
export function useImportJob(kind: ImportKind, conferenceId: string) {
  const queryClient = useQueryClient();
  const tracked = useTrackedJob<ImportResult>(storageKey(kind, conferenceId));
  const { job } = tracked;
  const [uploadPercent, setUploadPercent] = useState(0);

  const upload = useMutation({
    mutationFn: (file: File) => api.startImport(kind, file, conferenceId, setUploadPercent),
    onMutate: () => {
      setUploadPercent(0);
      tracked.clear();
    },
    onSuccess: ({ jobId: id }) => tracked.track(id),
  });

  const phase: ImportPhase = upload.isPending ? 'uploading' : upload.isError ? 'failed' : tracked.phase;

  useEffect(() => {
    if (phase !== 'completed') return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.conference(conferenceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conferences, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.units });
  }, [phase, queryClient, conferenceId]);

  const reset = () => {
    upload.reset();
    tracked.clear();
    setUploadPercent(0);
  };

  const percent = phase === 'uploading' ? uploadPercent : phase === 'completed' ? 100 : tracked.progress;

  return {
    phase,
    percent,
    jobId: tracked.jobId,
    job: job.data,
    uploadError: upload.error,
    pollError: job.error,
    start: (file: File) => upload.mutate(file),
    reset,
    retryPoll: () => void job.refetch(),
  };
}
