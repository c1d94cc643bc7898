import { hasLiveAudio, type MediaUplinkState } from '@bridgepoint/contracts';
import { useMutation } from '@tanstack/react-query';
import { request } from '../broadcast/signaling';
import type { MediaSession } from '../broadcast/useMediaSession';

const SPEAKING_LEVEL = 0.15;

/** Muting points from the host site, over the page's `/media` session. */
export function useMediaControl(session: MediaSession) {
  const mute = useMutation({
    mutationFn: ({ pointId, muted }: { pointId: string; muted: boolean }) => {
      if (!session.socket) throw new Error('media not connected');
      return request(session.socket, 'media.mute', { pointId, muted });
    },
  });
  const muteOthers = useMutation({
    mutationFn: () => {
      if (!session.socket) throw new Error('media not connected');
      return request(session.socket, 'media.muteOthers', {});
    },
  });
  const uplink = (pointId: string): MediaUplinkState | undefined => session.uplinks.get(pointId);
  /** The active speaker: the loudest point heard above a speaking level (where the engine measures levels). */
  let speaker: string | null = null;
  let loudest = SPEAKING_LEVEL;
  for (const state of session.uplinks.values()) {
    if (hasLiveAudio(state) && state.level !== null && state.level > loudest) {
      loudest = state.level;
      speaker = state.pointId;
    }
  }
  return { mute, muteOthers, uplink, audible: (pointId: string) => hasLiveAudio(uplink(pointId)), speaker };
}
export type MediaControl = ReturnType<typeof useMediaControl>;
