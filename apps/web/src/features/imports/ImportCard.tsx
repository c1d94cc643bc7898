import { ErrorCode, type ImportKind } from '@bridgepoint/contracts';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { JobProgress } from '../../components/JobProgress';
import { isApiError } from '../../lib/api';
import { ColumnsHelp } from './ColumnsHelp';
import { ImportPreviewView } from './ImportPreviewView';
import { ImportResultView } from './ImportResultView';
import { useImportJob, type ImportPhase } from './useImportJob';

const ACCEPT = [
  '.xlsx', '.xls', '.ods', '.csv', '.txt', '.tsv',
  'text/csv', 'text/plain', 'text/tab-separated-values',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'application/vnd.oasis.opendocument.spreadsheet',
].join(',');
const BUSY: ReadonlySet<ImportPhase> = new Set(['uploading', 'waiting', 'processing', 'committing']);

interface Props {
  kind: ImportKind;
  conferenceId: string;
}

export function ImportCard({ kind, conferenceId }: Props) {
  const { t } = useTranslation();
  const importJob = useImportJob(kind, conferenceId);
  const { phase, job } = importJob;
  const [file, setFile] = useState<File | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = BUSY.has(phase);
  const inputId = `import-${kind}-file`;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file && !busy) importJob.start(file);
  };

  const startOver = () => {
    importJob.reset();
    setFile(null);
    if (inputRef.current) inputRef.current.value = '';
    inputRef.current?.focus();
  };

  const progressLabel: Record<ImportPhase, string> = {
    idle: '',
    uploading: t('import.uploading'),
    waiting: t('import.waiting'),
    processing: t('import.processing'),
    completed: t('import.done'),
    failed: t('import.failed'),
    lost: t('import.failed'),
    stalled: t('import.processing'),
    preview: t('import.done'),
    committing: t('import.waiting'),
  };
  const columnsMissing =
    isApiError(importJob.uploadError) && importJob.uploadError.code === ErrorCode.ImportMissingColumns;

  return (
    <section className="card import-card" aria-labelledby={`import-${kind}-title`}>
      <h2 id={`import-${kind}-title`}>{t(`import.${kind}.title`)}</h2>
      <p className="muted">{t(`import.${kind}.hint`)}</p>

      <form className="import-form" onSubmit={submit}>
        <label className="field" htmlFor={inputId}>
          <span className="field-label">{t('import.file')}</span>
          <span className="muted small"> ({t('import.accept')})</span>
        </label>
        <input
          ref={inputRef}
          id={inputId}
          className="file-input"
          type="file"
          accept={ACCEPT}
          data-testid={`import-${kind}-file`}
          disabled={busy}
          onChange={(event) => setFile(event.target.files?.[0] ?? null)}
        />
        <div className="button-row">
          <button
            type="submit"
            className="btn btn-primary"
            data-testid={`import-${kind}-submit`}
            disabled={!file || busy || phase === 'preview'}
          >
            {t('import.submit')}
          </button>
          {(phase === 'completed' || phase === 'failed' || phase === 'lost') && (
            <button type="button" className="btn" onClick={startOver}>
              {t('import.another')}
            </button>
          )}
        </div>
      </form>

      <JobProgress
        phase={phase}
        percent={importJob.percent}
        label={progressLabel[phase]}
        testId={`import-${kind}-progress`}
        startError={importJob.uploadError}
        job={job}
        failedTitle={t('import.failed')}
        failedHint={(jobId) => t('import.failedHint', { jobId })}
        lostTitle={t('import.jobLost')}
        pollError={importJob.pollError}
        onRetryPoll={importJob.retryPoll}
      />
      {phase === 'preview' && job?.result && (
        <ImportPreviewView kind={kind} result={job.result} busy={false} onConfirm={importJob.confirm} onCancel={startOver} />
      )}
      {phase === 'completed' && job?.result && <ImportResultView kind={kind} result={job.result} />}

      <ColumnsHelp key={columnsMissing ? 'open' : 'closed'} kind={kind} defaultOpen={columnsMissing} />
    </section>
  );
}
