import type { FloorDto, ModerateQuestionRequest, ModerationSnapshot, QuestionDto } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { api, queryKeys } from '../../lib/endpoints';
import type { LiveStatus } from '../../lib/live';
import { answeringOrder, isQuestion, isSpeakRequest, upsertQuestion } from '../../lib/questions';

export interface ModerationScope {
  conferenceId: string;
  live: LiveStatus;
}

export const ModerationScopeContext = createContext<ModerationScope | null>(null);

function useModerationScope(): ModerationScope {
  const scope = useContext(ModerationScopeContext);
  if (!scope) throw new Error('Moderation components need a ModerationScopeContext provider.');
  return scope;
}

/** One moderator action: the request, and optionally what the screen shows before the server answers. */
export interface ModerationCall {
  send: () => Promise<unknown>;
  optimistic?: (snapshot: ModerationSnapshot) => ModerationSnapshot;
}

function isFloor(value: unknown): value is FloorDto {
  return typeof value === 'object' && value !== null && 'pointId' in value && 'grantedAt' in value;
}

/** What an answer tells about the state before the next live push confirms it. */
function applyResult(snapshot: ModerationSnapshot, result: unknown): ModerationSnapshot {
  if (Array.isArray(result)) return result.reduce<ModerationSnapshot>((acc, item) => applyResult(acc, item), snapshot);
  if (isQuestion(result)) return { ...snapshot, questions: upsertQuestion(snapshot.questions, result) };
  if (isSpeakRequest(result)) {
    const rest = snapshot.speakQueue.filter((r) => r.id !== result.id);
    const open = result.status === 'waiting' || result.status === 'granted';
    return { ...snapshot, speakQueue: open ? [...rest, result].sort((a, b) => a.seq - b.seq) : rest };
  }
  if (isFloor(result)) return { ...snapshot, floor: result };
  return snapshot;
}

/**
 * Sends one moderator action; its answer is shown at once, and the live push that follows confirms
 * it. Without a live connection the state is read again instead.
 */
export function useModerationCall() {
  const { conferenceId, live } = useModerationScope();
  const queryClient = useQueryClient();
  const key = queryKeys.moderation(conferenceId);
  const mutation = useMutation({
    mutationFn: (call: ModerationCall) => call.send(),
    onMutate: (call) => {
      const { optimistic } = call;
      if (optimistic) queryClient.setQueryData<ModerationSnapshot>(key, (s) => s && optimistic(s));
    },
    onSuccess: (result) => queryClient.setQueryData<ModerationSnapshot>(key, (s) => s && applyResult(s, result)),
    onError: (_error, call) => {
      if (call.optimistic) void queryClient.invalidateQueries({ queryKey: key });
    },
    onSettled: () => {
      if (live !== 'connected') void queryClient.invalidateQueries({ queryKey: key });
    },
  });
  return { ...mutation, conferenceId };
}

/** The moderator's moves on one question; `version` makes a change made meanwhile by someone else fail loudly. */
export function moderate(conferenceId: string, question: QuestionDto, body: ModerateQuestionRequest): ModerationCall {
  return { send: () => api.moderateQuestion(conferenceId, question.id, { ...body, version: question.version }) };
}

export function setCurrent(conferenceId: string, questionId: string | null): ModerationCall {
  return {
    send: () => api.setCurrentQuestion(conferenceId, questionId),
    optimistic: (s) => ({ ...s, currentQuestionId: questionId }),
  };
}

/** Moves an approved question to `index` in the answering order. */
export function moveTo(conferenceId: string, questions: readonly QuestionDto[], questionId: string, index: number): ModerationCall | null {
  const order = answeringOrder(questions).map((q) => q.id);
  const from = order.indexOf(questionId);
  const to = Math.max(0, Math.min(order.length - 1, index));
  if (from === -1 || from === to) return null;
  order.splice(from, 1);
  order.splice(to, 0, questionId);
  const position = new Map(order.map((id, i) => [id, i + 1]));
  return {
    send: () => api.reorderQuestions(conferenceId, order),
    optimistic: (s) => ({
      ...s,
      questions: s.questions.map((q) => (position.has(q.id) ? { ...q, position: position.get(q.id)! } : q)),
    }),
  };
}

export function decideSpeak(conferenceId: string, requestId: string, decision: 'grant' | 'skip' | 'remove'): ModerationCall {
  return { send: () => api.decideSpeak(conferenceId, requestId, decision) };
}

export function releaseFloor(conferenceId: string): ModerationCall {
  return { send: () => api.releaseFloor(conferenceId) };
}
