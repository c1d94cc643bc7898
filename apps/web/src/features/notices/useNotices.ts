import type { AnnouncementDto, CreateAnnouncementRequest } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { request } from '../../lib/api';

const path = (conferenceId: string) => `/conferences/${encodeURIComponent(conferenceId)}/announcements`;
export const noticesKey = (conferenceId: string, pointId: string | null) => ['conferences', conferenceId, 'announcements', pointId ?? 'staff'] as const;

/** Puts a notice into a list (newest first), replacing the copy it already holds. */
export function mergeNotice(list: AnnouncementDto[] | undefined, notice: AnnouncementDto): AnnouncementDto[] | undefined {
  if (!list) return list;
  const at = list.findIndex((n) => n.id === notice.id);
  if (at < 0) return [notice, ...list];
  const next = [...list];
  // A point's own acknowledgement is not in the counts the control room receives: keep it.
  next[at] = { ...notice, acknowledgedAt: notice.acknowledgedAt ?? list[at].acknowledgedAt };
  return next;
}

/**
 * The notices one `/live` socket follows: the REST list, then every `announcement` (operators) or
 * `announcement.changed` (control room); reloaded on each reconnection, when events may have been missed.
 * `token`: a point operator's token (its own notices); null for the signed-in user.
 */
export function useNotices(conferenceId: string, pointId: string | null, token?: string) {
  const queryClient = useQueryClient();
  const key = noticesKey(conferenceId, pointId);
  const query = useQuery({
    queryKey: key,
    queryFn: ({ signal }) => request<AnnouncementDto[]>(path(conferenceId), { token, signal }),
    staleTime: Infinity,
  });
  const onNotice = useCallback(
    (notice: AnnouncementDto) => {
      if (notice.conferenceId !== conferenceId) return;
      queryClient.setQueryData<AnnouncementDto[]>(noticesKey(conferenceId, pointId), (list) => mergeNotice(list, notice));
    },
    [queryClient, conferenceId, pointId],
  );
  const onConnect = useCallback(
    () => void queryClient.invalidateQueries({ queryKey: noticesKey(conferenceId, pointId) }),
    [queryClient, conferenceId, pointId],
  );
  const acknowledge = useCallback(
    async (id: string) => {
      const notice = await request<AnnouncementDto>(`${path(conferenceId)}/${encodeURIComponent(id)}/ack`, { method: 'POST', token });
      onNotice(notice);
    },
    [conferenceId, token, onNotice],
  );
  const send = useCallback(
    async (body: CreateAnnouncementRequest) => {
      const notice = await request<AnnouncementDto>(path(conferenceId), { method: 'POST', body });
      onNotice(notice);
      return notice;
    },
    [conferenceId, onNotice],
  );
  return { query, onNotice, onConnect, acknowledge, send };
}

export type Notices = ReturnType<typeof useNotices>;
