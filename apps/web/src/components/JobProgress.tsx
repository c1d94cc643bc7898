import type { JobDto } from '@bridgepoint/contracts';
import { ErrorNotice } from './ErrorNotice';
import { ProgressBar } from './ProgressBar';

interface Props {
  phase: string;
  percent: number;
  /** What the bar says in the current phase. */
  label: string;
  testId: string;
  /** The job could not be started (request or upload refused). */
  startError: Error | null;
  job: Pick<JobDto<unknown>, 'id' | 'failedReason'> | undefined;
  failedTitle: string;
  failedHint: (jobId: string) => string;
  lostTitle: string;
  pollError: Error | null;
  onRetryPoll: () => void;
}

/** The progress of a background job, and what went wrong with it: refused, failed, lost or stalled. */
export function JobProgress({
  phase,
  percent,
  label,
  testId,
  startError,
  job,
  failedTitle,
  failedHint,
  lostTitle,
  pollError,
  onRetryPoll,
}: Props) {
  const tone = phase === 'completed' ? 'done' : phase === 'failed' || phase === 'lost' ? 'failed' : 'active';
  const showProgress = phase !== 'idle' && !startError;

  return (
    <>
      {showProgress && (
        <div aria-live="polite">
          <ProgressBar value={percent} label={label} tone={tone} testId={testId} />
        </div>
      )}
      {startError && <ErrorNotice error={startError} />}
      {phase === 'failed' && job && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{failedTitle}</p>
          {job.failedReason && <p className="notice-detail">{job.failedReason}</p>}
          <p className="notice-detail">{failedHint(job.id)}</p>
        </div>
      )}
      {phase === 'lost' && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{lostTitle}</p>
        </div>
      )}
      {phase === 'stalled' && <ErrorNotice error={pollError} onRetry={onRetryPoll} />}
    </>
  );
}
