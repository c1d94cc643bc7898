import type { PresencePointDto } from '@bridgepoint/contracts';

export type TileState = 'red' | 'amber' | 'green';
export const TILE_STATES: readonly TileState[] = ['red', 'amber', 'green'];

export type Reason = 'offline' | 'neverOnline' | 'notCheckedIn' | 'untested' | 'failed' | 'rehearsalProblem' | 'rehearsalUnconfirmed';

export interface BoardPoint extends PresencePointDto {
  checkedIn: boolean;
  state: TileState;
  /** What keeps the point from green, worst first. */
  reasons: Reason[];
  /** Lower is worse: sorts the board worst first. */
  rank: number;
  /** Lowercased text searched by the search box. */
  haystack: string;
}

/**
 * Red: offline, its device test failed, or it reported missing picture or sound in the rehearsal. Amber:
 * online but not checked in, devices not tested yet, or (once the conference has rehearsed) the rehearsal
 * not confirmed. Green: online, checked in, tested and, where there was a rehearsal, confirmed.
 */
export function boardPoint(p: PresencePointDto, checkedIn: boolean, rehearsed = false): BoardPoint {
  const reasons: Reason[] = [];
  if (!p.online) reasons.push(p.lastSeenAt ? 'offline' : 'neverOnline');
  if (p.readiness === 'failed') reasons.push('failed');
  if (p.rehearsal === 'problem') reasons.push('rehearsalProblem');
  if (!checkedIn) reasons.push('notCheckedIn');
  // Devices cannot be tested while offline: that is not the first thing to call about.
  if (p.readiness === 'untested' && p.online) reasons.push('untested');
  if (rehearsed && p.rehearsal === 'unconfirmed' && p.online) reasons.push('rehearsalUnconfirmed');
  const red = !p.online || p.readiness === 'failed' || p.rehearsal === 'problem';
  const state: TileState = red ? 'red' : reasons.length > 0 ? 'amber' : 'green';
  // Checked-in points that dropped first (the room expects them), then never seen, then the rest.
  const rank = state === 'red' ? (checkedIn ? 0 : p.lastSeenAt ? 1 : 2) : state === 'amber' ? 3 + Math.min(reasons.length, 2) : 6;
  const haystack = fold(`${p.code} ${p.name} ${p.district ?? ''} ${p.operatorName ?? ''} ${p.operatorPhone ?? ''}`);
  return { ...p, checkedIn, state, reasons, rank, haystack };
}

/** Lowercase without Vietnamese diacritics, so "ba vi" finds "Ba Vì". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

export interface BoardFilter {
  district: string;
  state: TileState | '';
  search: string;
}

/** The filtered board, worst first, then by code. */
export function filterBoard(points: readonly BoardPoint[], f: BoardFilter): BoardPoint[] {
  const q = fold(f.search.trim());
  return points
    .filter((p) => (f.district === '' || (p.districtId ?? 'agencies') === f.district) && (f.state === '' || p.state === f.state) && (q === '' || p.haystack.includes(q)))
    .sort((a, b) => a.rank - b.rank || a.code.localeCompare(b.code));
}

export function countStates(points: readonly BoardPoint[]): Record<TileState, number> {
  const out: Record<TileState, number> = { red: 0, amber: 0, green: 0 };
  for (const p of points) out[p.state]++;
  return out;
}
