import { foldText, pointSource, type ConferencePointDto, type MediaLinkDto } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { tokenStore } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';
import { MediaView } from '../broadcast/MediaView';
import type { MediaSession } from '../broadcast/useMediaSession';
import { useMediaSession } from '../broadcast/useMediaSession';
import { useSubscription } from '../broadcast/useSubscription';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { linkHealth, type LinkHealth } from './linkHealth';
import { UplinkBadges } from './UplinkBadges';
import { useMediaControl, type MediaControl } from './useMediaControl';
import { EnlargedUplink, WallFilters, type WallFilter } from './WallFilters';

const PAGE_SIZE = 12;
const VIDEO = ['video'] as const;
const HEALTH_ORDER: Record<LinkHealth, number> = { bad: 0, poor: 1, silent: 2, good: 3 };

interface TileProps {
  session: MediaSession;
  point: ConferencePointDto;
  link: MediaLinkDto | undefined;
  now: number;
  holdsFloor: boolean;
  onGrant(): void;
  onRelease(): void;
  busy: boolean;
  control: MediaControl;
  onEnlarge(): void;
}

/** One point: its uplink at the lowest layer, its link numbers, and the floor button. */
function UplinkTile({ session, point, link, now, holdsFloor, onGrant, onRelease, busy, control, onEnlarge }: TileProps) {
  const { t } = useTranslation();
  const source = pointSource(point.id);
  const version = session.live.get(source);
  const live = version !== undefined;
  const { stream } = useSubscription(session.client, source, [...VIDEO], version, 0);
  const health = linkHealth(link, now);
  const uplink = control.uplink(point.id);
  return (
    <li
      className={`uplink-tile health-${health} ${holdsFloor ? 'holds-floor' : ''} ${control.speaker === point.id ? 'is-speaking' : ''}`}
      data-testid="uplink-tile"
      data-point-id={point.id}
      data-live={live}
    >
      {stream ? <MediaView stream={stream} muted /> : <div className="uplink-empty muted">{t('media.grid.noUplink')}</div>}
      {live && (
        <button type="button" className="btn btn-small uplink-enlarge" onClick={onEnlarge} data-testid="uplink-enlarge" aria-label={t('wall.enlarge', { name: point.name })}>
          ⤢
        </button>
      )}
      <div className="uplink-meta">
        <strong>{point.name}</strong>
        <span className="muted">{point.code}</span>
        <span className={`link-badge health-${health}`} title={t(`media.health.${health}`)}>
          {health === 'silent'
            ? t('media.health.silent')
            : t('media.grid.numbers', {
                kbps: Math.round(link!.recvKbps),
                loss: link!.lossPercent.toFixed(1),
                rtt: link!.rttMs ?? '–',
              })}
        </span>
        {link && <span className="muted">{t('media.grid.lastSeen', { seconds: Math.max(0, Math.round((now - Date.parse(link.at)) / 1000)) })}</span>}
        <UplinkBadges state={uplink} />
      </div>
      {uplink?.live && (
        <button
          type="button"
          className={`btn btn-small ${uplink.hostMuted ? 'btn-outline-danger' : ''}`}
          disabled={control.mute.isPending}
          onClick={() => control.mute.mutate({ pointId: point.id, muted: !uplink.hostMuted })}
          data-testid="uplink-mute"
        >
          {uplink.hostMuted ? t('mediaControl.unmute') : t('mediaControl.mute')}
        </button>
      )}
      {holdsFloor ? (
        <button type="button" className="btn btn-small btn-danger" disabled={busy} onClick={onRelease} data-testid="uplink-release">
          {t('media.grid.release')}
        </button>
      ) : (
        <button type="button" className="btn btn-small" disabled={busy} onClick={onGrant} data-testid="uplink-grant">
          {t('media.grid.grant')}
        </button>
      )}
    </li>
  );
}

/**
 * The control room's wall of point cameras: a page at a time, problems first on demand, each with its
 * link health; grant the floor to a point, release it.
 */
export function UplinkGrid({ conferenceId }: { conferenceId: string }) {
  const { t } = useTranslation();
  const session = useMediaSession(conferenceId, tokenStore.get());
  const queryClient = useQueryClient();
  const [page, setPage] = useState(0);
  const [problemsFirst, setProblemsFirst] = useState(false);
  const [filter, setFilter] = useState<WallFilter>({ search: '', district: '', state: 'all' });
  const [enlarged, setEnlarged] = useState<ConferencePointDto | null>(null);
  const presence = useQuery({
    queryKey: ['presence', conferenceId, 'wall'],
    queryFn: () => api.presence(conferenceId),
    refetchInterval: 5000,
    enabled: filter.state === 'online' || filter.state === 'offline',
  });
  const points = useQuery({ queryKey: queryKeys.points(conferenceId), queryFn: () => api.points(conferenceId) });
  const links = useQuery({
    queryKey: ['media', conferenceId, 'links'],
    queryFn: () => api.mediaLinks(conferenceId),
    refetchInterval: 5000,
  });
  /** Link ages are measured at the last poll (0 before the first one: every point reads as not reporting). */
  const now = links.dataUpdatedAt;
  const byPoint = useMemo(() => new Map((links.data ?? []).map((l) => [l.pointId, l])), [links.data]);
  const control = useMediaControl(session);
  /** A grant to a point the server does not hear waits for the moderator's confirmation. */
  const [confirming, setConfirming] = useState<ConferencePointDto | null>(null);
  const floor = useMutation({
    mutationFn: (pointId: string | null) => (pointId ? api.grantFloor(conferenceId, pointId) : api.releaseFloor(conferenceId)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.moderation(conferenceId) }),
  });

  const ordered = useMemo(() => {
    const needle = foldText(filter.search.trim());
    const online = new Set((presence.data?.points ?? []).filter((p) => p.online).map((p) => p.pointId));
    const list = (points.data ?? []).filter(
      (p) =>
        (!needle || foldText(`${p.code} ${p.name} ${p.operatorName ?? ''}`).includes(needle)) &&
        (!filter.district || p.district === filter.district) &&
        (filter.state === 'all' ||
          (filter.state === 'sending' && session.live.has(pointSource(p.id))) ||
          (filter.state === 'online' && online.has(p.id)) ||
          (filter.state === 'offline' && presence.data !== undefined && !online.has(p.id))),
    );
    if (problemsFirst) list.sort((a, b) => HEALTH_ORDER[linkHealth(byPoint.get(a.id), now)] - HEALTH_ORDER[linkHealth(byPoint.get(b.id), now)]);
    return list;
  }, [points.data, problemsFirst, byPoint, now, filter, presence.data, session.live]);
  const pages = Math.max(1, Math.ceil(ordered.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const shown = ordered.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const counts = { good: 0, poor: 0, bad: 0, silent: 0 };
  for (const p of points.data ?? []) counts[linkHealth(byPoint.get(p.id), now)]++;
  const uplinks = [...session.live.keys()].filter((s) => s.startsWith('point:')).length;

  return (
    <section className="card uplink-grid" aria-labelledby="uplink-grid-title" data-testid="uplink-grid">
      <div className="card-head">
        <h2 id="uplink-grid-title">{t('media.grid.title')}</h2>
        <p className="muted" data-testid="uplink-summary">
          {t('media.grid.summary', { uplinks, good: counts.good, poor: counts.poor + counts.bad, silent: counts.silent })}
        </p>
        <label className="inline-check">
          <input type="checkbox" checked={problemsFirst} onChange={(e) => setProblemsFirst(e.target.checked)} />
          {t('media.grid.problemsFirst')}
        </label>
      </div>
      {floor.error && (
        <p role="alert" className="error">
          {(floor.error as Error).message}
        </p>
      )}
      {session.refusedFull && (
        <p className="notice notice-warning" role="alert" data-testid="media-full">
          {t('mediaControl.full', { count: session.refusedFull.refused })}
        </p>
      )}
      <div className="uplink-grid-tools">
        <button
          type="button"
          className="btn btn-small"
          disabled={!session.client || control.muteOthers.isPending}
          onClick={() => control.muteOthers.mutate()}
          data-testid="mute-others"
        >
          {t('mediaControl.muteOthers')}
        </button>
        {control.muteOthers.data && (
          <span className="muted" role="status">
            {t('mediaControl.mutedOthers', { count: control.muteOthers.data.muted })}
          </span>
        )}
        {(control.mute.error ?? control.muteOthers.error) && (
          <span role="alert" className="error">
            {((control.mute.error ?? control.muteOthers.error) as Error).message}
          </span>
        )}
      </div>
      <WallFilters
        points={points.data ?? []}
        filter={filter}
        shown={ordered.length}
        onChange={(next) => {
          setFilter(next);
          setPage(0);
        }}
      />
      {enlarged && <EnlargedUplink session={session} point={enlarged} onClose={() => setEnlarged(null)} />}
      <ul className="uplink-tiles">
        {shown.map((p) => (
          <UplinkTile
            key={p.id}
            session={session}
            point={p}
            link={byPoint.get(p.id)}
            now={now}
            holdsFloor={session.floorPointId === p.id}
            busy={floor.isPending}
            onGrant={() => (control.audible(p.id) ? floor.mutate(p.id) : setConfirming(p))}
            onRelease={() => floor.mutate(null)}
            control={control}
            onEnlarge={() => setEnlarged(p)}
          />
        ))}
      </ul>
      <ConfirmDialog
        open={confirming !== null}
        title={t('mediaControl.grantSilentTitle', { name: confirming?.name ?? '' })}
        confirmLabel={t('mediaControl.grantAnyway')}
        onConfirm={() => {
          if (confirming) floor.mutate(confirming.id);
          setConfirming(null);
        }}
        onCancel={() => setConfirming(null)}
      >
        <p>{t('mediaControl.grantSilentBody')}</p>
      </ConfirmDialog>
      <div className="pager">
        <button type="button" className="btn btn-small" disabled={current === 0} onClick={() => setPage(current - 1)}>
          {t('media.grid.previous')}
        </button>
        <span>{t('media.grid.page', { page: current + 1, pages })}</span>
        <button type="button" className="btn btn-small" disabled={current >= pages - 1} onClick={() => setPage(current + 1)} data-testid="uplink-next">
          {t('media.grid.next')}
        </button>
      </div>
    </section>
  );
}
