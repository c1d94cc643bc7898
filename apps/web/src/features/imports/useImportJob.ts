import type { ImportKind, ImportResult } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, queryKeys } from '../../lib/endpoints';
import { useTrackedJob, type TrackedJobPhase } from '../../lib/useTrackedJob';

/**
 * `preview`: the file was read and nothing written yet, the organizer confirms or cancels;
 * `stalled`: the job's progress could not be read (network, server); `lost`: the server no longer knows the job.
 */
export type ImportPhase = TrackedJobPhase | 'uploading' | 'preview' | 'committing';

function storageKey(kind: ImportKind, conferenceId: string): string {
  return `bridgepoint.import.${conferenceId}.${kind}`;
}

/**
 * Upload a file for a preview, follow that job, then on confirmation follow the job that writes it.
 * The current job id is kept in sessionStorage so a reload picks the preview or the progress up again.
 */
export function useImportJob(kind: ImportKind, conferenceId: string) {
  const queryClient = useQueryClient();
  const tracked = useTrackedJob<ImportResult>(storageKey(kind, conferenceId));
  const { job } = tracked;
  const [uploadPercent, setUploadPercent] = useState(0);

  const upload = useMutation({
    mutationFn: (file: File) => api.startImport(kind, file, conferenceId, setUploadPercent, true),
    onMutate: () => {
      setUploadPercent(0);
      tracked.clear();
    },
    onSuccess: ({ jobId: id }) => tracked.track(id),
  });

  const commit = useMutation({
    mutationFn: (uploadId: string) => api.commitImport(uploadId),
    onSuccess: ({ jobId: id }) => tracked.track(id),
  });

  const result = job.data?.result ?? null;
  const previewed = tracked.phase === 'completed' && result?.dryRun === true;
  const phase: ImportPhase = upload.isPending
    ? 'uploading'
    : upload.isError || commit.isError
      ? 'failed'
      : commit.isPending
        ? 'committing'
        : previewed
          ? 'preview'
          : tracked.phase;

  useEffect(() => {
    if (phase !== 'completed') return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.conference(conferenceId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.conferences, exact: true });
    void queryClient.invalidateQueries({ queryKey: queryKeys.units });
  }, [phase, queryClient, conferenceId]);

  const reset = () => {
    upload.reset();
    commit.reset();
    tracked.clear();
    setUploadPercent(0);
  };

  const percent = phase === 'uploading' ? uploadPercent : phase === 'completed' || phase === 'preview' ? 100 : tracked.progress;

  return {
    phase,
    percent,
    jobId: tracked.jobId,
    job: job.data,
    uploadError: upload.error ?? commit.error,
    pollError: job.error,
    start: (file: File) => upload.mutate(file),
    confirm: () => {
      const uploadId = result?.preview?.uploadId;
      if (uploadId) commit.mutate(uploadId);
    },
    reset,
    retryPoll: () => void job.refetch(),
  };
}
