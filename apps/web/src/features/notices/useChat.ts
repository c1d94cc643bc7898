import type { ChatMessageDto, ChatRead, ChatSide, ChatThreadDto, ChatThreadSummaryDto } from '@bridgepoint/contracts';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { request } from '../../lib/api';

const threadPath = (conferenceId: string, pointId: string) =>
  `/conferences/${encodeURIComponent(conferenceId)}/points/${encodeURIComponent(pointId)}/messages`;
export const threadKey = (conferenceId: string, pointId: string, side: ChatSide) => ['conferences', conferenceId, 'chat', pointId, side] as const;
export const threadsKey = (conferenceId: string) => ['conferences', conferenceId, 'chat-threads'] as const;

/** Adds a message to a thread (once); a message from the other side counts as unread. */
export function addMessage(thread: ChatThreadDto | undefined, message: ChatMessageDto, side: ChatSide): ChatThreadDto | undefined {
  if (!thread || thread.messages.some((m) => m.id === message.id)) return thread;
  return { ...thread, messages: [...thread.messages, message], unread: message.from === side ? 0 : thread.unread + 1 };
}

/** The control room's list of threads after a message: that point's thread first, its unread count up if the point wrote. */
export function addToThreads(list: ChatThreadSummaryDto[] | undefined, message: ChatMessageDto, point?: { code: string; name: string }) {
  if (!list) return list;
  const before = list.find((s) => s.pointId === message.pointId);
  if (before?.last.id === message.id) return list;
  if (!before && !point) return undefined;
  const unread = message.from === 'point' ? (before?.unread ?? 0) + 1 : 0;
  const summary: ChatThreadSummaryDto = { pointId: message.pointId, code: before?.code ?? point!.code, name: before?.name ?? point!.name, unread, last: message };
  return [summary, ...list.filter((s) => s.pointId !== message.pointId)];
}

function applyRead(client: QueryClient, read: ChatRead) {
  client.setQueryData<ChatThreadDto>(threadKey(read.conferenceId, read.pointId, read.side), (t) => (t ? { ...t, unread: 0 } : t));
  if (read.side === 'control') {
    client.setQueryData<ChatThreadSummaryDto[]>(threadsKey(read.conferenceId), (list) =>
      list?.map((s) => (s.pointId === read.pointId ? { ...s, unread: 0 } : s)),
    );
  }
}

/**
 * One point's thread with the control room, seen from `side`: the REST thread, then `chat.message` and
 * `chat.read` from the page's `/live` socket. `token`: the point operator's (null: the signed-in user).
 */
export function useThread(conferenceId: string, pointId: string | null, side: ChatSide, token?: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: threadKey(conferenceId, pointId ?? '', side),
    queryFn: ({ signal }) => request<ChatThreadDto>(threadPath(conferenceId, pointId!), { token, signal }),
    enabled: !!pointId,
    staleTime: Infinity,
  });
  const send = useCallback(
    async (text: string) => {
      const message = await request<ChatMessageDto>(threadPath(conferenceId, pointId!), { method: 'POST', body: { text }, token });
      queryClient.setQueryData<ChatThreadDto>(threadKey(conferenceId, pointId!, side), (t) => addMessage(t, message, side));
      return message;
    },
    [queryClient, conferenceId, pointId, side, token],
  );
  const markRead = useCallback(async () => {
    const thread = await request<ChatThreadDto>(`${threadPath(conferenceId, pointId!)}/read`, { method: 'POST', token });
    queryClient.setQueryData(threadKey(conferenceId, pointId!, side), thread);
    applyRead(queryClient, { conferenceId, pointId: pointId!, side });
  }, [queryClient, conferenceId, pointId, side, token]);
  return { query, send, markRead };
}

/** `/live` handlers that keep every cached thread (and the control room's list) current. */
export function useChatEvents(conferenceId: string, side: ChatSide) {
  const queryClient = useQueryClient();
  const onChatMessage = useCallback(
    (message: ChatMessageDto) => {
      if (message.conferenceId !== conferenceId) return;
      queryClient.setQueryData<ChatThreadDto>(threadKey(conferenceId, message.pointId, side), (t) => addMessage(t, message, side));
      if (side === 'control') {
        const list = queryClient.getQueryData<ChatThreadSummaryDto[]>(threadsKey(conferenceId));
        const next = addToThreads(list, message);
        if (next) queryClient.setQueryData(threadsKey(conferenceId), next);
        else void queryClient.invalidateQueries({ queryKey: threadsKey(conferenceId) });
      }
    },
    [queryClient, conferenceId, side],
  );
  const onChatRead = useCallback((read: ChatRead) => read.conferenceId === conferenceId && applyRead(queryClient, read), [queryClient, conferenceId]);
  const onConnect = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: ['conferences', conferenceId, 'chat'] });
    void queryClient.invalidateQueries({ queryKey: threadsKey(conferenceId) });
  }, [queryClient, conferenceId]);
  return { onChatMessage, onChatRead, onConnect };
}

/** The control room's threads, latest first. */
export function useThreads(conferenceId: string) {
  return useQuery({
    queryKey: threadsKey(conferenceId),
    queryFn: ({ signal }) => request<ChatThreadSummaryDto[]>(`/conferences/${encodeURIComponent(conferenceId)}/threads`, { signal }),
    staleTime: Infinity,
  });
}
