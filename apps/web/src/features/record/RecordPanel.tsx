import type { ExportLanguage, RecordExportFormat, UnitAttendance } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { LanguageField } from '../../components/LanguageField';
import { api, queryKeys } from '../../lib/endpoints';
import { formatBytes, formatDateTime, formatNumber } from '../../lib/time';
import { useMe } from '../auth/useMe';
import { useExportJob, type ExportPhase } from '../control/useExportJob';
import { Corrections } from './Corrections';
import { Reconciliation } from './Reconciliation';

type Scope = 'conference' | 'district' | 'point';
const SCOPES: readonly Scope[] = ['conference', 'district', 'point'];
const FORMATS: readonly RecordExportFormat[] = ['pdf', 'xlsx'];
const BUSY: ReadonlySet<ExportPhase> = new Set(['starting', 'waiting', 'processing']);

/**
 * The official attendance record (biên bản): generate it (whole conference, a district or a point; PDF or
 * Excel; Vietnamese or English), see its versions and corrections, lock it (organizers), unlock it (admins).
 */
export function RecordPanel({ conferenceId, units }: { conferenceId: string; units: readonly UnitAttendance[] }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: queryKeys.record(conferenceId), queryFn: () => api.recordState(conferenceId) });
  const job = useExportJob(conferenceId, 'record');
  const [scope, setScope] = useState<Scope>('conference');
  const [districtId, setDistrictId] = useState('');
  const [pointId, setPointId] = useState('');
  const [format, setFormat] = useState<RecordExportFormat>('pdf');
  const [lang, setLang] = useState<ExportLanguage>(i18n.language.startsWith('en') ? 'en' : 'vi');
  const points = useQuery({ queryKey: queryKeys.points(conferenceId), queryFn: () => api.points(conferenceId), enabled: scope === 'point' });
  const districts = units.filter((u) => u.unitId !== null);
  const busy = BUSY.has(job.phase);
  const result = job.phase === 'completed' ? job.job?.result : null;

  // A new version was made: the version count changed.
  useEffect(() => {
    if (job.phase === 'completed') void queryClient.invalidateQueries({ queryKey: queryKeys.record(conferenceId) });
  }, [job.phase, conferenceId, queryClient]);

  const lock = useMutation({
    mutationFn: (locked: boolean) => (locked ? api.lockRecord(conferenceId) : api.unlockRecord(conferenceId)),
    onSuccess: (next) => queryClient.setQueryData(queryKeys.record(conferenceId), next),
  });

  const missingChoice = (scope === 'district' && !districtId) || (scope === 'point' && !pointId);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy || missingChoice) return;
    job.start({
      kind: 'record',
      format,
      lang,
      ...(scope === 'district' ? { districtId } : {}),
      ...(scope === 'point' ? { pointId } : {}),
    });
  };

  const labels: Record<ExportPhase, string> = {
    idle: '',
    starting: t('record.starting'),
    waiting: t('record.waiting'),
    processing: t('record.processing'),
    completed: t('record.done'),
    failed: t('record.failed'),
    lost: t('record.failed'),
    stalled: t('record.processing'),
  };
  const s = state.data;

  return (
    <section className="card record-panel no-print" aria-labelledby="record-title" data-testid="record-panel">
      <div className="stack-tight">
        <h2 id="record-title">{t('record.title')}</h2>
        <p className="muted">{t('record.hint')}</p>
      </div>

      {s && (
        <div className={`record-state ${s.locked ? 'is-locked' : ''}`} data-testid="record-state" data-locked={s.locked}>
          <p>
            <strong>{s.locked ? t('record.state.locked', { time: formatDateTime(s.lockedAt!, i18n.language), by: s.lockedBy ?? '' }) : t('record.state.open')}</strong>
          </p>
          <p className="muted small">
            {t('record.state.versions', { n: formatNumber(s.version, i18n.language) })} · {t('record.state.corrections', { n: formatNumber(s.corrections, i18n.language) })}
          </p>
          <div className="record-lock">
            {!s.locked && (
              <button
                type="button"
                className="btn btn-danger"
                data-testid="record-lock"
                disabled={lock.isPending}
                onClick={() => window.confirm(t('record.lock.confirm')) && lock.mutate(true)}
              >
                {t('record.lock.button')}
              </button>
            )}
            {s.locked && me?.role === 'admin' && (
              <button
                type="button"
                className="btn"
                data-testid="record-unlock"
                disabled={lock.isPending}
                onClick={() => window.confirm(t('record.lock.unlockConfirm')) && lock.mutate(false)}
              >
                {t('record.lock.unlock')}
              </button>
            )}
            {s.locked && me?.role !== 'admin' && <span className="muted small">{t('record.lock.adminOnly')}</span>}
          </div>
        </div>
      )}
      {state.isError && <ErrorNotice error={state.error} onRetry={() => void state.refetch()} />}
      {lock.error && <ErrorNotice error={lock.error} />}

      <form className="export-form record-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('record.scope')}</span>
          <select value={scope} data-testid="record-scope" onChange={(event) => setScope(event.target.value as Scope)}>
            {SCOPES.map((value) => (
              <option key={value} value={value}>
                {t(`record.scopes.${value}`)}
              </option>
            ))}
          </select>
        </label>
        {scope === 'district' && (
          <label className="field">
            <span className="field-label">{t('record.district')}</span>
            <select value={districtId} data-testid="record-district" onChange={(event) => setDistrictId(event.target.value)}>
              <option value="">{t('record.choose')}</option>
              {districts.map((u) => (
                <option key={u.unitId} value={u.unitId!}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {scope === 'point' && (
          <label className="field">
            <span className="field-label">{t('record.point')}</span>
            <select value={pointId} data-testid="record-point" onChange={(event) => setPointId(event.target.value)}>
              <option value="">{points.isPending ? t('record.loadingPoints') : t('record.choose')}</option>
              {points.data?.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.code} · {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">{t('record.format')}</span>
          <select value={format} data-testid="record-format" onChange={(event) => setFormat(event.target.value as RecordExportFormat)}>
            {FORMATS.map((value) => (
              <option key={value} value={value}>
                {t(`record.formats.${value}`)}
              </option>
            ))}
          </select>
        </label>
        <LanguageField label={t('record.language')} value={lang} testId="record-lang" onChange={setLang} />
        <button type="submit" className="btn btn-primary" data-testid="record-submit" disabled={busy || missingChoice}>
          {t('record.submit')}
        </button>
      </form>

      <JobProgress
        phase={job.phase}
        percent={job.percent}
        label={labels[job.phase]}
        testId="record-progress"
        startError={job.startError}
        job={job.job}
        failedTitle={t('record.failed')}
        failedHint={(jobId) => t('record.failedHint', { jobId })}
        lostTitle={t('record.lost')}
        pollError={job.pollError}
        onRetryPoll={job.retryPoll}
      />
      {result && (
        <div className="export-result">
          <p className="muted" data-testid="record-result">
            {t('record.result', { filename: result.filename, version: result.version ?? '', size: formatBytes(result.bytes, i18n.language) })}
          </p>
          <button type="button" className="btn btn-success" data-testid="record-download" disabled={job.downloading} onClick={job.download}>
            <span aria-hidden="true">⬇</span> {job.downloading ? t('record.downloading') : t('record.download')}
          </button>
        </div>
      )}
      {job.downloadError && <ErrorNotice error={job.downloadError} onRetry={job.download} />}
      <Reconciliation conferenceId={conferenceId} />
      {(me?.role === 'admin' || me?.role === 'organizer') && <Corrections conferenceId={conferenceId} />}
    </section>
  );
}
