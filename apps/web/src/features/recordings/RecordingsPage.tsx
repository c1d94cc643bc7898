import type { HealthResponse, RecordingDto } from '@bridgepoint/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { downloadFile, request } from '../../lib/api';
import { formatBytes, formatDateTime, formatDuration } from '../../lib/time';
import { useConference } from '../conferences/context';

/** While a recording is being written, the list is read again this often. */
const REFRESH_WHILE_RECORDING_MS = 5000;

/** The server's recordings of the conference: the broadcast and each speaking turn, for the organizers to download. */
export function RecordingsPage() {
  const { t, i18n } = useTranslation();
  const conference = useConference();
  const base = `/conferences/${encodeURIComponent(conference.id)}/recordings`;
  const recordings = useQuery({
    queryKey: ['recordings', conference.id],
    queryFn: () => request<RecordingDto[]>(base),
    refetchInterval: (query) => (query.state.data?.some((r) => r.state === 'recording') ? REFRESH_WHILE_RECORDING_MS : false),
  });
  const health = useQuery({ queryKey: ['health'], queryFn: () => request<HealthResponse>('/health') });
  const download = useMutation({
    mutationFn: (r: RecordingDto) => downloadFile(`${base}/${encodeURIComponent(r.id)}/file`, r.fileName),
  });

  if (recordings.isPending) return <Loading />;
  if (recordings.isError) return <ErrorNotice error={recordings.error} onRetry={() => void recordings.refetch()} />;
  const off = health.data?.recording.state === 'off' ? health.data.recording.reason : null;

  return (
    <section className="stack recordings" aria-labelledby="recordings-title">
      <div>
        <h2 id="recordings-title">{t('recordings.title')}</h2>
        <p className="muted">{t('recordings.hint')}</p>
      </div>
      {off && (
        <p className="notice notice-warning" role="status" data-testid="recordings-off">
          {t('recordings.off', { reason: off })}
        </p>
      )}
      {download.isError && <ErrorNotice error={download.error} />}
      {recordings.data.length === 0 ? (
        <p className="empty-state card">{t('recordings.empty')}</p>
      ) : (
        <div className="table-wrap card card-flush">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{t('recordings.columns.startedAt')}</th>
                <th>{t('recordings.columns.duration')}</th>
                <th>{t('recordings.columns.kind')}</th>
                <th>{t('recordings.columns.point')}</th>
                <th>{t('recordings.columns.agenda')}</th>
                <th>{t('recordings.columns.file')}</th>
              </tr>
            </thead>
            <tbody>
              {recordings.data.map((r) => (
                <tr key={r.id} data-testid="recording-row" data-kind={r.kind} data-state={r.state}>
                  <td data-label={t('recordings.columns.startedAt')} className="nowrap">
                    {formatDateTime(r.startedAt, i18n.language)}
                  </td>
                  <td data-label={t('recordings.columns.duration')} className="nowrap">
                    {r.durationMs === null ? '—' : formatDuration(r.durationMs, i18n.language)}
                  </td>
                  <td data-label={t('recordings.columns.kind')}>
                    <span className="row-title">{t(`recordings.kinds.${r.kind}`)}</span>
                    <span className={`recording-state recording-${r.state} small`}> · {t(`recordings.states.${r.state}`)}</span>
                  </td>
                  <td data-label={t('recordings.columns.point')}>{r.pointName ?? '—'}</td>
                  <td data-label={t('recordings.columns.agenda')}>{r.agendaItemTitle ?? '—'}</td>
                  <td data-label={t('recordings.columns.file')}>
                    <button
                      type="button"
                      className="btn btn-small"
                      data-testid="recording-download"
                      disabled={download.isPending && download.variables?.id === r.id}
                      onClick={() => download.mutate(r)}
                    >
                      {download.isPending && download.variables?.id === r.id ? t('recordings.downloading') : t('recordings.download')}
                    </button>
                    {r.sizeBytes !== null && <span className="muted small"> {formatBytes(r.sizeBytes, i18n.language)}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
