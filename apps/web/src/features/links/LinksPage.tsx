import type { LinkChannel, LinkDelivery, OperatorLinkDto, OperatorLinksResponse, SendLinksAccepted, SendLinksResult } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorNotice } from '../../components/ErrorNotice';
import { JobProgress } from '../../components/JobProgress';
import { Loading } from '../../components/Loading';
import { downloadFile, request } from '../../lib/api';
import { formatNumber } from '../../lib/time';
import { useTrackedJob } from '../../lib/useTrackedJob';
import { useConference } from '../conferences/context';
import { PublicUrlNotice } from './PublicUrlNotice';

type Filter = 'all' | 'failed' | 'unsent';
type State = LinkDelivery['status'] | 'none' | 'noAddress';
const CHANNELS: readonly LinkChannel[] = ['email', 'sms'];
/** Rows drawn at once; the filter and the counts cover every point. */
const ROWS_SHOWN = 300;

const addressOf = (p: OperatorLinkDto, channel: LinkChannel) => (channel === 'email' ? p.operatorEmail : p.operatorPhone);
const stateOf = (p: OperatorLinkDto, channel: LinkChannel): State => (addressOf(p, channel) ? (p[channel]?.status ?? 'none') : 'noAddress');

/** Every point's link on PUBLIC_URL, sent to its operator by mail or SMS, with what happened to each message. */
export function LinksPage() {
  const { t, i18n } = useTranslation();
  const conference = useConference();
  const queryClient = useQueryClient();
  const key = ['links', conference.id];
  const sendJob = useTrackedJob<SendLinksResult>(`links-job:${conference.id}`);
  const running = sendJob.phase === 'waiting' || sendJob.phase === 'processing';
  const links = useQuery({
    queryKey: key,
    queryFn: () => request<OperatorLinksResponse>(`/conferences/${encodeURIComponent(conference.id)}/links`),
    refetchInterval: running ? 1000 : false,
  });
  const [asking, setAsking] = useState<{ channel: LinkChannel; onlyUnsent: boolean } | null>(null);
  const [accepted, setAccepted] = useState<SendLinksAccepted | null>(null);
  const [filter, setFilter] = useState<Filter>('all');
  const n = (value: number) => formatNumber(value, i18n.language);

  useEffect(() => {
    if (sendJob.phase === 'completed') void queryClient.invalidateQueries({ queryKey: key });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key is derived from the conference id
  }, [sendJob.phase, conference.id]);

  const send = useMutation({
    mutationFn: (body: { channel: LinkChannel; onlyUnsent: boolean }) =>
      request<SendLinksAccepted>(`/conferences/${encodeURIComponent(conference.id)}/links/send`, { method: 'POST', body }),
    onSuccess: (result) => {
      setAsking(null);
      setAccepted(result);
      if (result.jobId) sendJob.track(result.jobId);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  const csv = useMutation({
    mutationFn: () =>
      downloadFile(`/conferences/${encodeURIComponent(conference.id)}/links/export?lang=${i18n.language.startsWith('en') ? 'en' : 'vi'}`, 'links.csv'),
  });

  const points = useMemo(() => links.data?.points ?? [], [links.data]);
  const visible = useMemo(() => {
    if (filter === 'all') return points;
    return points.filter((p) =>
      CHANNELS.some((c) => (filter === 'failed' ? stateOf(p, c) === 'failed' : ['none', 'failed', 'queued'].includes(stateOf(p, c)))),
    );
  }, [points, filter]);

  if (links.isPending) return <Loading />;
  if (links.isError) return <ErrorNotice error={links.error} onRetry={() => void links.refetch()} />;
  const data = links.data;

  const count = (channel: LinkChannel) => {
    const c: Record<State, number> = { sent: 0, failed: 0, queued: 0, none: 0, noAddress: 0 };
    for (const p of points) c[stateOf(p, channel)]++;
    return c;
  };
  const asked = asking ? points.filter((p) => addressOf(p, asking.channel) && !(asking.onlyUnsent && p[asking.channel]?.status === 'sent')).length : 0;

  return (
    <div className="stack" data-testid="links-page">
      <div className="section-head">
        <div>
          <h2>{t('links.title')}</h2>
          <p className="muted">{t('links.hint')}</p>
        </div>
        <button type="button" className="btn" onClick={() => csv.mutate()} disabled={csv.isPending}>
          <span aria-hidden="true">⬇</span> {t('links.csv')}
        </button>
      </div>
      <PublicUrlNotice />
      <p>
        <span className="muted">{t('links.address')}: </span>
        <span className="mono">{data.publicUrl}</span>
      </p>
      {csv.isError && <ErrorNotice error={csv.error} />}

      <div className="links-channels">
        {CHANNELS.map((channel) => {
          const c = count(channel);
          const configured = data.channels[channel];
          return (
            <section key={channel} className="card stack-tight" aria-labelledby={`links-${channel}`} data-testid={`links-${channel}`}>
              <h3 id={`links-${channel}`}>{t(`links.${channel}`)}</h3>
              <p className="small">
                {t('links.counts', { sent: n(c.sent), failed: n(c.failed), queued: n(c.queued), none: n(c.none), noAddress: n(c.noAddress) })}
              </p>
              {configured ? (
                <div className="button-row">
                  <button type="button" className="btn btn-primary" disabled={running || !!data.publicUrlWarning} onClick={() => setAsking({ channel, onlyUnsent: false })}>
                    {t('links.sendAll')}
                  </button>
                  <button type="button" className="btn" disabled={running || !!data.publicUrlWarning} onClick={() => setAsking({ channel, onlyUnsent: true })}>
                    {t('links.sendUnsent')}
                  </button>
                </div>
              ) : (
                <p className="muted small">{t('links.notConfigured', { setting: channel === 'email' ? 'SMTP_URL' : 'SMS_WEBHOOK_URL' })}</p>
              )}
            </section>
          );
        })}
      </div>

      {accepted && (
        <p className="notice notice-info" role="status">
          {t('links.queued', { queued: n(accepted.queued), without: n(accepted.withoutAddress) })}
          {sendJob.phase === 'completed' && sendJob.job.data?.result && ` ${t('links.done', { sent: n(sendJob.job.data.result.sent), failed: n(sendJob.job.data.result.failed) })}`}
        </p>
      )}
      <JobProgress
        phase={sendJob.phase}
        percent={sendJob.progress}
        label={sendJob.phase === 'completed' ? t('links.finished') : t('links.sending')}
        testId="links-progress"
        startError={send.error}
        job={sendJob.job.data}
        failedTitle={t('links.failedTitle')}
        failedHint={(jobId) => t('links.failedHint', { jobId })}
        lostTitle={t('links.lostTitle')}
        pollError={sendJob.job.error}
        onRetryPoll={() => void sendJob.job.refetch()}
      />

      <div className="button-row" role="group" aria-label={t('links.filterLabel')}>
        {(['all', 'failed', 'unsent'] as const).map((f) => (
          <button key={f} type="button" className="status-tab" aria-pressed={filter === f} onClick={() => setFilter(f)}>
            {t(`links.filter${f === 'all' ? 'All' : f === 'failed' ? 'Failed' : 'Unsent'}`)}
          </button>
        ))}
        <span className="muted small">{t('links.shown', { shown: n(Math.min(visible.length, ROWS_SHOWN)), total: n(visible.length) })}</span>
      </div>
      {visible.length === 0 ? (
        <p className="empty-state card">{t('links.empty')}</p>
      ) : (
        <div className="table-wrap card card-flush">
          <table className="table table-cards">
            <thead>
              <tr>
                <th>{t('links.columns.code')}</th>
                <th>{t('links.columns.name')}</th>
                <th>{t('links.columns.operator')}</th>
                <th>{t('links.columns.email')}</th>
                <th>{t('links.columns.sms')}</th>
              </tr>
            </thead>
            <tbody>
              {visible.slice(0, ROWS_SHOWN).map((p) => (
                <tr key={p.pointId}>
                  <td data-label={t('links.columns.code')} className="mono nowrap">
                    {p.code}
                  </td>
                  <td data-label={t('links.columns.name')}>
                    <span className="row-title">{p.name}</span>
                    {p.district && <span className="muted small"> · {p.district}</span>}
                  </td>
                  <td data-label={t('links.columns.operator')}>{p.operatorName ?? '—'}</td>
                  {CHANNELS.map((channel) => (
                    <td key={channel} data-label={t(`links.columns.${channel}`)} data-testid={`delivery-${channel}-${p.code}`}>
                      <DeliveryCell point={p} channel={channel} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={asking !== null}
        title={t('links.confirmTitle', { channel: asking ? t(`links.${asking.channel}`).toLowerCase() : '' })}
        confirmLabel={t('links.confirm')}
        busy={send.isPending}
        onConfirm={() => asking && send.mutate(asking)}
        onCancel={() => setAsking(null)}
      >
        <p>{t('links.confirmBody', { count: asked })}</p>
        {send.isError && <ErrorNotice error={send.error} />}
      </ConfirmDialog>
    </div>
  );
}

function DeliveryCell({ point, channel }: { point: OperatorLinkDto; channel: LinkChannel }) {
  const { t } = useTranslation();
  const state = stateOf(point, channel);
  const address = addressOf(point, channel);
  const delivery = point[channel];
  return (
    <span className={`delivery delivery-${state}`} title={delivery?.error ?? address ?? undefined}>
      <span className="delivery-state">{t(`links.status.${state}`)}</span>
      {address && <span className="muted small mono"> {address}</span>}
      {state === 'failed' && delivery?.error && <span className="delivery-error small">{delivery.error}</span>}
    </span>
  );
}
