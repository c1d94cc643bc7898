import type { AgendaItemDto, AgendaItemInput } from '@bridgepoint/contracts';
import { addMinutesToLocalInput, isoToLocalInput, localInputToIso } from '../../lib/time';

/** One agenda row as edited: times are Hanoi wall-clock "HH:mm". */
export interface AgendaRow {
  key: string;
  title: string;
  speaker: string;
  time: string;
  /**
   * "YYYY-MM-DD" when the item falls on another day than the conference start;
   * empty when it follows the conference's start date.
   */
  date: string;
  duration: string;
}

let counter = 0;
function nextKey(): string {
  counter += 1;
  return `row-${counter}`;
}

export function rowsFromDto(items: readonly AgendaItemDto[], startsAt: string): AgendaRow[] {
  const startDate = isoToLocalInput(startsAt).slice(0, 10);
  return [...items]
    .sort((a, b) => a.position - b.position)
    .map((item) => {
      const local = isoToLocalInput(item.plannedStart);
      const date = local.slice(0, 10);
      return {
        key: nextKey(),
        title: item.title,
        speaker: item.speaker ?? '',
        time: local.slice(11, 16),
        date: date && date !== startDate ? date : '',
        duration: item.durationMinutes != null ? String(item.durationMinutes) : '',
      };
    });
}

/** A new row starts where the previous one ends, or at the conference start. */
export function newRow(previous: AgendaRow | undefined, startsAtLocal: string): AgendaRow {
  let time = '';
  let date = '';
  if (previous?.time && previous.duration && Number(previous.duration) > 0) {
    const startDate = startsAtLocal.slice(0, 10) || '2000-01-01';
    const end = addMinutesToLocalInput(`${previous.date || startDate}T${previous.time}`, Number(previous.duration));
    time = end.slice(11, 16);
    date = end.slice(0, 10) === startDate ? '' : end.slice(0, 10);
  } else if (!previous && startsAtLocal) {
    time = startsAtLocal.slice(11, 16);
  }
  return { key: nextKey(), title: '', speaker: '', time, date, duration: '' };
}

export function parseDuration(value: string): number | null | 'invalid' {
  const trimmed = value.trim();
  if (!trimmed) return null;
  if (!/^\d+$/.test(trimmed) || Number(trimmed) <= 0) return 'invalid';
  return Number(trimmed);
}

export interface AgendaProblem {
  index: number;
  kind: 'titleRequired' | 'durationInvalid';
}

export function validateRows(rows: readonly AgendaRow[]): AgendaProblem[] {
  const problems: AgendaProblem[] = [];
  rows.forEach((row, index) => {
    if (!row.title.trim()) problems.push({ index, kind: 'titleRequired' });
    if (parseDuration(row.duration) === 'invalid') problems.push({ index, kind: 'durationInvalid' });
  });
  return problems;
}

export function rowsToInput(rows: readonly AgendaRow[], startsAtLocal: string): AgendaItemInput[] {
  const startDate = startsAtLocal.slice(0, 10);
  return rows.map((row) => {
    const date = row.date || startDate;
    const duration = parseDuration(row.duration);
    return {
      title: row.title.trim(),
      speaker: row.speaker.trim() || null,
      plannedStart: row.time && date ? localInputToIso(`${date}T${row.time}`) : null,
      durationMinutes: typeof duration === 'number' ? duration : null,
    };
  });
}

export function moveRow<T>(rows: readonly T[], from: number, to: number): T[] {
  if (to < 0 || to >= rows.length) return [...rows];
  const copy = [...rows];
  const [moved] = copy.splice(from, 1);
  copy.splice(to, 0, moved as T);
  return copy;
}
