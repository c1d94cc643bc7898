import { ErrorCode, type FloorDto, type PointModerationState, type QuestionDto } from '@bridgepoint/contracts';
import { isApiError } from '../../lib/api';
import { isQuestion, isSpeakRequest, upsertQuestion } from '../../lib/questions';
import type { OperatorApi } from '../../lib/endpoints';
import type { OutboxAction, OutboxEntry } from './outbox';

export type ModerationAction = Extract<OutboxAction, { kind: 'question' | 'question-withdraw' | 'speak' | 'speak-withdraw' }>;

export function isModerationAction(action: OutboxAction): action is ModerationAction {
  return action.kind === 'question' || action.kind === 'question-withdraw' || action.kind === 'speak' || action.kind === 'speak-withdraw';
}

export function emptyModeration(conferenceId: string): PointModerationState {
  const floor: FloorDto = { conferenceId, pointId: null, pointName: null, grantedAt: null, interruptedAt: null };
  return { questions: [], speak: null, queuePosition: null, lastDecision: null, floor, currentAgendaItemId: null };
}

/** A retried question may have reached the server the first time: look for it among questions sent since it was queued. */
const CLOCK_SKEW_MS = 10 * 60_000;

async function alreadyAsked(
  api: OperatorApi,
  entry: OutboxEntry,
  action: Extract<OutboxAction, { kind: 'question' }>,
  signal: AbortSignal,
): Promise<QuestionDto | undefined> {
  const since = Date.parse(entry.queuedAt) - CLOCK_SKEW_MS;
  const mine = await api.questions(signal);
  return mine.find(
    (q) => q.text.normalize('NFC').trim() === action.text && (q.askedBy ?? null) === action.askedBy && Date.parse(q.createdAt) >= since,
  );
}

/** A retry whose first attempt did go through is refused with this code: the action is done, not failed. */
async function doneIfRepeated<T>(entry: OutboxEntry, code: string, send: () => Promise<T>): Promise<T | null> {
  try {
    return await send();
  } catch (error) {
    if (entry.attempts > 0 && isApiError(error) && error.code === code) return null;
    throw error;
  }
}

/** Sends a question or request to speak from the outbox; never twice when an answer was lost on the way back. */
export async function sendModeration(api: OperatorApi, entry: OutboxEntry, action: ModerationAction, signal: AbortSignal) {
  switch (action.kind) {
    case 'question': {
      const earlier = entry.attempts > 0 ? await alreadyAsked(api, entry, action, signal) : undefined;
      if (earlier) return earlier;
      const body = {
        text: action.text,
        ...(action.askedBy ? { askedBy: action.askedBy } : {}),
        ...(action.agendaItemId ? { agendaItemId: action.agendaItemId } : {}),
      };
      return api.askQuestion(body, entry.id, signal);
    }
    case 'question-withdraw':
      return api.withdrawQuestion(action.questionId, signal);
    case 'speak':
      return doneIfRepeated(entry, ErrorCode.SpeakRequestExists, () => api.requestSpeak(action.topic, entry.id, signal));
    case 'speak-withdraw':
      return doneIfRepeated(entry, ErrorCode.SpeakInvalidTransition, () => api.withdrawSpeak(action.requestId, signal));
  }
}

/**
 * The point's moderation state once the server has answered an action; `undefined` when the answer
 * does not say enough and the state should be read again.
 */
export function applySent(state: PointModerationState, action: ModerationAction, result: unknown): PointModerationState | undefined {
  switch (action.kind) {
    case 'question':
    case 'question-withdraw':
      return isQuestion(result) ? { ...state, questions: upsertQuestion(state.questions, result) } : undefined;
    case 'speak':
      return isSpeakRequest(result) ? { ...state, speak: result } : undefined;
    case 'speak-withdraw':
      return { ...state, speak: null, queuePosition: null };
  }
}

/** Questions still in the outbox, oldest first. */
export function queuedQuestions(entries: readonly OutboxEntry[]) {
  return entries.flatMap((entry) =>
    entry.action.kind === 'question' ? [{ id: entry.id, at: entry.queuedAt, ...entry.action }] : [],
  );
}

export function queuedWithdrawals(entries: readonly OutboxEntry[]): ReadonlySet<string> {
  return new Set(entries.flatMap((entry) => (entry.action.kind === 'question-withdraw' ? [entry.action.questionId] : [])));
}

/** The last request-to-speak action still in the outbox. */
export function queuedSpeak(entries: readonly OutboxEntry[]): 'request' | 'withdraw' | null {
  let last: 'request' | 'withdraw' | null = null;
  for (const { action } of entries) {
    if (action.kind === 'speak') last = 'request';
    else if (action.kind === 'speak-withdraw') last = 'withdraw';
  }
  return last;
}
