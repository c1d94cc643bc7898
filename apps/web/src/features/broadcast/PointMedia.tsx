import { useCallback, useRef } from 'react';
import { BroadcastPlayer } from './BroadcastPlayer';
import type { Publication, Subscription } from './media-client';
import { UplinkCard } from './UplinkCard';
import { useLinkReports } from './useLinkReports';
import { useMediaSession } from './useMediaSession';

interface Props {
  conferenceId: string;
  token: string;
  pointId: string;
  floorPointName?: string | null;
  /** The operator page shows the uplink card; the broadcast-only page does not. */
  withUplink?: boolean;
}

/** A point's media: the broadcast (and the floor), its own camera sent back, and its link reports. */
export function PointMedia({ conferenceId, token, pointId, floorPointName, withUplink = true }: Props) {
  const session = useMediaSession(conferenceId, token);
  const publication = useRef<Publication | null>(null);
  const subscriptions = useRef<Subscription[]>([]);
  const receiving = useCallback(() => subscriptions.current, []);
  const onReceiving = useCallback((open: Subscription[]) => {
    subscriptions.current = open;
  }, []);
  const sending = useCallback(() => publication.current, []);
  const onPublication = useCallback((p: Publication | null) => {
    publication.current = p;
  }, []);
  useLinkReports(session, receiving, sending);

  return (
    <>
      <BroadcastPlayer session={session} ownPointId={pointId} floorPointName={floorPointName} onReceiving={onReceiving} />
      {withUplink && <UplinkCard session={session} pointId={pointId} onPublication={onPublication} />}
    </>
  );
}
