/** Drops in one district within this window become one alert. */
export const GROUP_WINDOW_MS = 60_000;

export interface AlertPoint {
  pointId: string;
  code: string;
  name: string;
  /** Came back online since. */
  back: boolean;
}

/** "A checked-in point went offline", or several of one district within a minute. */
export interface OfflineAlert {
  id: string;
  /** District name; null for city agencies. */
  district: string | null;
  points: AlertPoint[];
  createdAt: number;
  updatedAt: number;
  acknowledged: boolean;
}

export interface DroppedPoint {
  pointId: string;
  code: string;
  name: string;
  district: string | null;
}

/**
 * Adds a drop: joined to the open alert of its district raised less than a minute ago, else a new
 * alert. Returns the alerts and the one that changed (newest first).
 */
export function addDrop(alerts: readonly OfflineAlert[], drop: DroppedPoint, at: number, newId: () => string): { alerts: OfflineAlert[]; changed: OfflineAlert } {
  const i = alerts.findIndex((a) => !a.acknowledged && a.district === drop.district && at - a.createdAt < GROUP_WINDOW_MS);
  if (i >= 0) {
    const a = alerts[i];
    const others = a.points.filter((p) => p.pointId !== drop.pointId);
    const changed: OfflineAlert = { ...a, points: [...others, { ...drop, back: false }], updatedAt: at };
    return { alerts: [changed, ...alerts.slice(0, i), ...alerts.slice(i + 1)], changed };
  }
  const changed: OfflineAlert = { id: newId(), district: drop.district, points: [{ ...drop, back: false }], createdAt: at, updatedAt: at, acknowledged: false };
  return { alerts: [changed, ...alerts], changed };
}

/** A point came back: marked in the open alerts that hold it. */
export function markBack(alerts: readonly OfflineAlert[], pointId: string): OfflineAlert[] {
  return alerts.map((a) =>
    !a.acknowledged && a.points.some((p) => p.pointId === pointId && !p.back)
      ? { ...a, points: a.points.map((p) => (p.pointId === pointId ? { ...p, back: true } : p)) }
      : a,
  );
}

export function acknowledge(alerts: readonly OfflineAlert[], id: string | null): OfflineAlert[] {
  return alerts.map((a) => (id === null || a.id === id ? { ...a, acknowledged: true } : a));
}
