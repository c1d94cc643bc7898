import { ErrorCode, type AttendanceSummary } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { signalUnauthorized, tokenStore } from '../../lib/api';
import { api } from '../../lib/endpoints';
import { useLive, type LiveOptions } from '../../lib/live';

export const summaryKey = (conferenceId: string) => ['conferences', conferenceId, 'attendance'] as const;

function newer(current: AttendanceSummary | undefined, next: AttendanceSummary): AttendanceSummary {
  return current && Date.parse(current.at) > Date.parse(next.at) ? current : next;
}

/**
 * The conference's attendance, kept current by `/live`: a snapshot on every (re)connect, then one
 * on each change. The REST snapshot fills the screen if the socket is slow; an older answer never
 * replaces a newer one.
 */
export function useLiveSummary(
  conferenceId: string,
  extra: Pick<LiveOptions, 'onPresence' | 'onRehearsal' | 'onReadiness' | 'onConnect' | 'onAnnouncementChanged' | 'onChatMessage' | 'onChatRead'> = {},
) {
  const queryClient = useQueryClient();
  const key = summaryKey(conferenceId);
  const summary = useQuery({
    queryKey: key,
    queryFn: async () => newer(queryClient.getQueryData(key), await api.attendanceSummary(conferenceId)),
    staleTime: Infinity,
  });
  const live = useLive({
    token: tokenStore.get(),
    conferenceId,
    onSummary: (next) => {
      queryClient.setQueryData<AttendanceSummary>(summaryKey(conferenceId), (current) => newer(current, next));
    },
    ...extra,
    onRefused: (error) => {
      if (error.code === ErrorCode.Unauthenticated) signalUnauthorized();
    },
  });
  return { summary, live };
}
