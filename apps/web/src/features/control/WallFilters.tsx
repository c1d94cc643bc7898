import { pointSource, type ConferencePointDto } from '@bridgepoint/contracts';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaView } from '../broadcast/MediaView';
import type { MediaSession } from '../broadcast/useMediaSession';
import { useSubscription } from '../broadcast/useSubscription';

export interface WallFilter {
  search: string;
  /** A district's name, or '' for all. */
  district: string;
  /** sending: its camera reaches the server; online / offline: an operator page holds /live (presence). */
  state: 'all' | 'sending' | 'online' | 'offline';
}

const STATES: readonly WallFilter['state'][] = ['all', 'sending', 'online', 'offline'];
const AUDIO_VIDEO = ['video', 'audio'] as const;
/** The top layer the point sends (the tiles take the lowest). */
const TOP_LAYER = 2;

/** Search, district and state for the camera wall: with 649 points, the operator looks for one or a group. */
export function WallFilters({ points, filter, shown, onChange }: { points: readonly ConferencePointDto[]; filter: WallFilter; shown: number; onChange(next: WallFilter): void }) {
  const { t } = useTranslation();
  const districts = useMemo(() => [...new Set(points.map((p) => p.district).filter((d): d is string => !!d))].sort((a, b) => a.localeCompare(b, 'vi')), [points]);
  return (
    <div className="wall-filters" role="search" data-testid="wall-filters">
      <label className="field">
        <span className="field-label">{t('wall.search')}</span>
        <input
          type="search"
          value={filter.search}
          placeholder={t('wall.searchPlaceholder')}
          data-testid="wall-search"
          onChange={(e) => onChange({ ...filter, search: e.target.value })}
        />
      </label>
      <label className="field">
        <span className="field-label">{t('wall.district')}</span>
        <select value={filter.district} data-testid="wall-district" onChange={(e) => onChange({ ...filter, district: e.target.value })}>
          <option value="">{t('wall.allDistricts')}</option>
          {districts.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('wall.state')}</span>
        <select value={filter.state} data-testid="wall-state" onChange={(e) => onChange({ ...filter, state: e.target.value as WallFilter['state'] })}>
          {STATES.map((s) => (
            <option key={s} value={s}>
              {t(`wall.states.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <p className="muted small" aria-live="polite" data-testid="wall-count">
        {t('wall.count', { shown, total: points.length })}
      </p>
    </div>
  );
}

/** One point's camera large, at its top layer and with its sound, over the wall; Escape or the button closes it. */
export function EnlargedUplink({ session, point, onClose }: { session: MediaSession; point: ConferencePointDto; onClose(): void }) {
  const { t } = useTranslation();
  const source = pointSource(point.id);
  const { stream } = useSubscription(session.client, source, [...AUDIO_VIDEO], session.live.get(source), TOP_LAYER);
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="uplink-enlarged" role="dialog" aria-modal="true" aria-label={point.name} data-testid="uplink-enlarged">
      <div className="uplink-enlarged-head">
        <strong>
          {point.name} <span className="muted">{point.code}</span>
        </strong>
        <button ref={close} type="button" className="btn btn-small" onClick={onClose} data-testid="uplink-enlarged-close">
          {t('wall.close')}
        </button>
      </div>
      {stream ? <MediaView stream={stream} /> : <div className="uplink-empty muted">{t('media.grid.noUplink')}</div>}
    </div>
  );
}
