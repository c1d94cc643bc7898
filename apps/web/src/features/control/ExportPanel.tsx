import { EXPORT_KINDS, type ExportFormat, type ExportKind, type ExportLanguage } from '@bridgepoint/contracts';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { LanguageField } from '../../components/LanguageField';
import { formatBytes, formatNumber } from '../../lib/time';
import { useExportJob, type ExportPhase } from './useExportJob';

const FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];
const BUSY: ReadonlySet<ExportPhase> = new Set(['starting', 'waiting', 'processing']);

function uiLanguage(language: string): ExportLanguage {
  return language.startsWith('en') ? 'en' : 'vi';
}

/** Attendance as a file: points, units or delegates, CSV or Excel, headers in Vietnamese or English. */
export function ExportPanel({ conferenceId }: { conferenceId: string }) {
  const { t, i18n } = useTranslation();
  const exportJob = useExportJob(conferenceId);
  const { phase, job } = exportJob;
  const [kind, setKind] = useState<ExportKind>('points');
  const [format, setFormat] = useState<ExportFormat>('xlsx');
  /** null: follow the language of the interface. */
  const [chosenLang, setChosenLang] = useState<ExportLanguage | null>(null);
  const lang = chosenLang ?? uiLanguage(i18n.language);
  const busy = BUSY.has(phase);
  const result = phase === 'completed' ? job?.result : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) exportJob.start({ kind, format, lang });
  };

  const progressLabel: Record<ExportPhase, string> = {
    idle: '',
    starting: t('control.export.starting'),
    waiting: t('control.export.waiting'),
    processing: t('control.export.processing'),
    completed: t('control.export.done'),
    failed: t('control.export.failed'),
    lost: t('control.export.failed'),
    stalled: t('control.export.processing'),
  };

  return (
    <section className="card export-panel no-print" aria-labelledby="control-export-title">
      <div className="stack-tight">
        <h2 id="control-export-title">{t('control.export.title')}</h2>
        <p className="muted">{t('control.export.hint')}</p>
      </div>
      <form className="export-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('control.export.kind')}</span>
          <select
            value={kind}
            data-testid="export-kind"
            aria-describedby="export-kind-hint"
            onChange={(event) => setKind(event.target.value as ExportKind)}
          >
            {EXPORT_KINDS.map((value) => (
              <option key={value} value={value}>
                {t(`control.export.kinds.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('control.export.format')}</span>
          <select value={format} data-testid="export-format" onChange={(event) => setFormat(event.target.value as ExportFormat)}>
            {FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`control.export.formats.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <LanguageField label={t('control.export.language')} value={lang} testId="export-lang" onChange={setChosenLang} />
        <button type="submit" className="btn btn-primary" data-testid="export-submit" disabled={busy}>
          {t('control.export.submit')}
        </button>
      </form>
      <p id="export-kind-hint" className="muted small">
        {t(`control.export.kindHints.${kind}`)}
      </p>

      <JobProgress
        phase={phase}
        percent={exportJob.percent}
        label={progressLabel[phase]}
        testId="export-progress"
        startError={exportJob.startError}
        job={job}
        failedTitle={t('control.export.failed')}
        failedHint={(jobId) => t('control.export.failedHint', { jobId })}
        lostTitle={t('control.export.lost')}
        pollError={exportJob.pollError}
        onRetryPoll={exportJob.retryPoll}
      />
      {result && (
        <div className="export-result">
          <p className="muted" data-testid="export-result">
            {t('control.export.result', {
              filename: result.filename,
              rows: formatNumber(result.rows, i18n.language),
              size: formatBytes(result.bytes, i18n.language),
            })}
          </p>
          <button
            type="button"
            className="btn btn-success"
            data-testid="export-download"
            disabled={exportJob.downloading}
            onClick={exportJob.download}
          >
            <span aria-hidden="true">⬇</span> {exportJob.downloading ? t('control.export.downloading') : t('control.export.download')}
          </button>
        </div>
      )}
      {exportJob.downloadError && <ErrorNotice error={exportJob.downloadError} onRetry={exportJob.download} />}
    </section>
  );
}
