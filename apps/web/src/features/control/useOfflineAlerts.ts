import type { AttendanceSummary, PresenceChanged, PresenceDto } from '@bridgepoint/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acknowledge, addDrop, markBack, type DroppedPoint, type OfflineAlert } from './alerts';
import { presenceKey } from './usePresence';
import { summaryKey } from './useLiveSummary';

/** A toast stays this long. */
const TOAST_MS = 8000;
/** At most one beep this often, however many points drop. */
const BEEP_GAP_MS = 2000;

let audio: AudioContext | null = null;

/** Browsers allow sound only after the user touched the page: the context is made on the first click. */
function unlockAudio() {
  if (!audio && typeof AudioContext !== 'undefined') audio = new AudioContext();
  void audio?.resume();
}

/** Two short falling tones (~0.4 s). */
function beep() {
  if (!audio || audio.state !== 'running') return;
  const t = audio.currentTime;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, t + i * 0.2);
    gain.gain.exponentialRampToValueAtTime(0.25, t + i * 0.2 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.2 + 0.18);
    osc.connect(gain).connect(audio.destination);
    osc.start(t + i * 0.2);
    osc.stop(t + i * 0.2 + 0.2);
  }
}

export type NotificationState = 'unsupported' | NotificationPermission;

interface State {
  alerts: OfflineAlert[];
  /** The alert last raised or grown: shown as a toast, with a beep and a notification. */
  toast: OfflineAlert | null;
  seq: number;
}

type Action = { kind: 'drop'; point: DroppedPoint; at: number } | { kind: 'back'; pointId: string } | { kind: 'ack'; id: string | null } | { kind: 'dismiss' };

function reduce(state: State, action: Action): State {
  switch (action.kind) {
    case 'drop': {
      const seq = state.seq + 1;
      const { alerts, changed } = addDrop(state.alerts, action.point, action.at, () => `${action.at}-${seq}`);
      return { alerts, toast: changed, seq };
    }
    case 'back':
      return { ...state, alerts: markBack(state.alerts, action.pointId) };
    case 'ack':
      return { ...state, alerts: acknowledge(state.alerts, action.id) };
    case 'dismiss':
      return { ...state, toast: null };
  }
}

const notificationState = (): NotificationState => (typeof Notification === 'undefined' ? 'unsupported' : Notification.permission);

/**
 * Offline alerts of the control room: a checked-in point whose pages all closed (or stopped answering)
 * raises an alert — a toast, a beep and a desktop notification when allowed; drops in one district
 * within a minute are one alert. Feed it every `presence.changed` before the presence list applies it.
 */
export function useOfflineAlerts(conferenceId: string) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(reduce, { alerts: [], toast: null, seq: 0 });
  const [notifications, setNotifications] = useState<NotificationState>(notificationState);
  const [sound, setSound] = useState(true);
  const lastBeep = useRef(0);

  useEffect(() => {
    window.addEventListener('pointerdown', unlockAudio);
    window.addEventListener('keydown', unlockAudio);
    return () => {
      window.removeEventListener('pointerdown', unlockAudio);
      window.removeEventListener('keydown', unlockAudio);
    };
  }, []);

  const describe = useCallback(
    (a: OfflineAlert) =>
      a.points.length === 1
        ? t('alerts.pointOffline', { point: `${a.points[0].code} — ${a.points[0].name}` })
        : t('alerts.districtOffline', { count: a.points.length, n: a.points.length, district: a.district ?? t('presence.agencies') }),
    [t],
  );

  // A new or grown alert: a beep (at most one every BEEP_GAP_MS), a notification, a toast for a while.
  const { toast } = state;
  useEffect(() => {
    if (!toast) return;
    if (sound && Date.now() - lastBeep.current > BEEP_GAP_MS) {
      lastBeep.current = Date.now();
      beep();
    }
    if (notificationState() === 'granted') {
      // The tag makes a grouped alert replace its earlier notification instead of piling up.
      new Notification(t('alerts.title'), { body: describe(toast), tag: toast.id });
    }
    const timer = setTimeout(() => dispatch({ kind: 'dismiss' }), TOAST_MS);
    return () => clearTimeout(timer);
    // Only a new toast rings, not a change of the sound setting or language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [toast]);

  const handle = useCallback(
    (change: PresenceChanged) => {
      if (change.online) {
        dispatch({ kind: 'back', pointId: change.pointId });
        return;
      }
      const presence = queryClient.getQueryData<PresenceDto>(presenceKey(conferenceId));
      const summary = queryClient.getQueryData<AttendanceSummary>(summaryKey(conferenceId));
      const point = presence?.points.find((p) => p.pointId === change.pointId);
      if (!point) return;
      const checkedIn = summary ? !summary.missing.some((m) => m.pointId === change.pointId) : point.status === 'checked_in';
      if (!checkedIn) return;
      dispatch({ kind: 'drop', point: { pointId: point.pointId, code: point.code, name: point.name, district: point.district }, at: Date.now() });
    },
    [queryClient, conferenceId],
  );

  const requestNotifications = useCallback(async () => {
    if (typeof Notification === 'undefined') return;
    setNotifications(await Notification.requestPermission());
  }, []);

  return {
    alerts: state.alerts,
    toast,
    dismissToast: () => dispatch({ kind: 'dismiss' }),
    handle,
    describe,
    acknowledge: (id: string | null) => dispatch({ kind: 'ack', id }),
    notifications,
    requestNotifications,
    sound,
    setSound,
  };
}
