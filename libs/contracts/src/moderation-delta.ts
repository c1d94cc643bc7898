import type { FloorDto, ModerationSnapshot, QuestionDto, SpeakRequestDto } from './questions';

/**
 * What a `/live` moderation stream holds: the snapshot, the stream it belongs to and its version. A stream is
 * one audience (moderators or presenters) of one conference on one api process; a new stream (another process,
 * or the room emptied and filled again) has a new `stream` id and starts its versions again.
 */
export interface LiveModerationSnapshot extends ModerationSnapshot {
  stream: string;
  version: number;
}

/** The changes of one ordered list of entries with an `id`. */
export interface ListChanges<T> {
  /** New entries and changed ones, whole. */
  upserted: T[];
  /** Ids of entries that left the list. */
  removed: string[];
  /**
   * Where new and reordered entries go, in order: `[id, after]` puts the entry right after `after`
   * (null: first). Entries not named keep their relative order.
   */
  placed: Array<[id: string, after: string | null]>;
}

/** What changed between two snapshots; an absent field did not change. */
export interface ModerationChanges {
  questions?: ListChanges<QuestionDto>;
  speakQueue?: ListChanges<SpeakRequestDto>;
  floor?: FloorDto;
  currentQuestionId?: string | null;
  currentAgendaItemId?: string | null;
}

/** `moderation.delta`: the changes that turn version `baseVersion` of `stream` into `version`. */
export interface ModerationDelta extends ModerationChanges {
  stream: string;
  version: number;
  baseVersion: number;
}

/** Equal entries: the same fields with the same values (entries are flat; anything nested is compared as JSON). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const k of keys) {
    if (x[k] === y[k]) continue;
    if (!(k in y) || typeof x[k] !== 'object' || typeof y[k] !== 'object' || JSON.stringify(x[k]) !== JSON.stringify(y[k])) return false;
  }
  return true;
}

/**
 * Positions (in `next`) of the longest run of entries of `next` that are already in the same relative order
 * in `before`: those stay put, every other entry is placed.
 */
function keptInOrder(beforeIndex: ReadonlyMap<string, number>, next: readonly { id: string }[]): Set<number> {
  const tails: number[] = [];
  const previous = new Array<number>(next.length).fill(-1);
  for (let i = 0; i < next.length; i++) {
    const at = beforeIndex.get(next[i].id);
    if (at === undefined) continue;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (beforeIndex.get(next[tails[mid]].id)! < at) lo = mid + 1;
      else hi = mid;
    }
    previous[i] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = i;
  }
  const kept = new Set<number>();
  for (let i = tails.length ? tails[tails.length - 1] : -1; i >= 0; i = previous[i]) kept.add(i);
  return kept;
}

/** The changes that turn list `before` into `next` (entries compared whole); null when equal. */
export function diffList<T extends { id: string }>(before: readonly T[], next: readonly T[]): ListChanges<T> | null {
  const old = new Map(before.map((e) => [e.id, e]));
  const present = new Set(next.map((e) => e.id));
  const removed = before.filter((e) => !present.has(e.id)).map((e) => e.id);
  const upserted = next.filter((e) => !old.has(e.id) || !same(old.get(e.id), e));
  const remaining = new Map(before.filter((e) => present.has(e.id)).map((e, i) => [e.id, i]));
  const kept = keptInOrder(remaining, next);
  const placed: Array<[string, string | null]> = [];
  next.forEach((e, i) => {
    if (!kept.has(i)) placed.push([e.id, i > 0 ? next[i - 1].id : null]);
  });
  if (upserted.length === 0 && removed.length === 0 && placed.length === 0) return null;
  return { upserted, removed, placed };
}

/** `list` with `changes` applied; a new entry that is not placed goes last. */
export function applyList<T extends { id: string }>(list: readonly T[], changes: ListChanges<T>): T[] {
  const gone = new Set(changes.removed);
  const fresh = new Map(changes.upserted.map((e) => [e.id, e]));
  const moving = new Set(changes.placed.map(([id]) => id));
  const out = list.filter((e) => !gone.has(e.id) && !moving.has(e.id)).map((e) => fresh.get(e.id) ?? e);
  const had = new Set(list.map((e) => e.id));
  const byId = new Map(list.map((e) => [e.id, e]));
  // Where the previous entry went: a run of new entries, each after the one before, costs no search.
  let last: { id: string; at: number } | null = null;
  for (const [id, after] of changes.placed) {
    const entry = fresh.get(id) ?? byId.get(id);
    if (!entry) continue;
    const anchor: number = after === null ? -1 : last?.id === after ? last.at : out.findIndex((e) => e.id === after);
    // An anchor the list does not hold (it never should): the entry goes last rather than nowhere.
    const at: number = after === null ? 0 : anchor < 0 ? out.length : anchor + 1;
    out.splice(at, 0, entry);
    last = { id, at };
  }
  for (const e of changes.upserted) if (!had.has(e.id) && !moving.has(e.id)) out.push(e);
  return out;
}

/** What changed from `before` to `next`; null when nothing did. */
export function diffModeration(before: ModerationSnapshot, next: ModerationSnapshot): ModerationChanges | null {
  const changes: ModerationChanges = {};
  const questions = diffList(before.questions, next.questions);
  if (questions) changes.questions = questions;
  const speakQueue = diffList(before.speakQueue, next.speakQueue);
  if (speakQueue) changes.speakQueue = speakQueue;
  if (!same(before.floor, next.floor)) changes.floor = next.floor;
  if (before.currentQuestionId !== next.currentQuestionId) changes.currentQuestionId = next.currentQuestionId;
  if (before.currentAgendaItemId !== next.currentAgendaItemId) changes.currentAgendaItemId = next.currentAgendaItemId;
  return Object.keys(changes).length ? changes : null;
}

/** `snapshot` with `changes` applied (unchanged entries are shared, not copied). */
export function applyModeration<S extends ModerationSnapshot>(snapshot: S, changes: ModerationChanges): S {
  return {
    ...snapshot,
    questions: changes.questions ? applyList(snapshot.questions, changes.questions) : snapshot.questions,
    speakQueue: changes.speakQueue ? applyList(snapshot.speakQueue, changes.speakQueue) : snapshot.speakQueue,
    floor: changes.floor ?? snapshot.floor,
    currentQuestionId: changes.currentQuestionId !== undefined ? changes.currentQuestionId : snapshot.currentQuestionId,
    currentAgendaItemId: changes.currentAgendaItemId !== undefined ? changes.currentAgendaItemId : snapshot.currentAgendaItemId,
  };
}

/**
 * A client's side of a moderation stream: the snapshot it holds after a delta, or `null` when the delta does
 * not follow what it holds (another stream, or a version missed) and it must ask for `moderation.resync`.
 */
export function followModeration(held: LiveModerationSnapshot | null, delta: ModerationDelta): LiveModerationSnapshot | null {
  if (!held || held.stream !== delta.stream || held.version !== delta.baseVersion) return null;
  return { ...applyModeration(held, delta), stream: delta.stream, version: delta.version };
}
