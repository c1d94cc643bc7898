import type { AgendaItemDto } from '@bridgepoint/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, queryKeys } from '../../lib/endpoints';
import { AgendaNow } from '../hall/AgendaNow';
import { FloorAlert } from '../moderation/FloorAlert';
import { useModerationSnapshot } from '../moderation/useModerationSnapshot';

/** The control room's line on the event: the live agenda, and the alert when the speaking point drops. */
export function ControlLiveState({ conferenceId, agenda }: { conferenceId: string; agenda: readonly AgendaItemDto[] }) {
  const { snapshot } = useModerationSnapshot(conferenceId);
  const queryClient = useQueryClient();
  const release = useMutation({
    mutationFn: () => api.releaseFloor(conferenceId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.moderation(conferenceId) }),
  });
  const data = snapshot.data;
  if (!data) return null;
  return (
    <>
      <FloorAlert floor={data.floor} busy={release.isPending} onEnd={() => release.mutate()} />
      <AgendaNow agenda={agenda} currentId={data.currentAgendaItemId} className="control-agenda" />
    </>
  );
}
