import {
  MediaErrorCode,
  PRESENTER_SOURCE,
  pointSource,
  preflightPointId,
  preflightSource,
  sourcePointId,
  type MediaSource,
  type Principal,
} from '@bridgepoint/contracts';

export class Refusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What a `/media` socket may do, fixed at its handshake. */
export interface MediaRights {
  /** Sources it may publish. */
  publishes: MediaSource[];
  /** A point's operator: which point (its own uplink; the floor holder's uplink when another point speaks). */
  pointId: string | null;
  /** Watches the broadcast (points, the control room). */
  receivesBroadcast: boolean;
  /** The control room: every point's uplink, at any time. */
  watchesUplinks: boolean;
  /** Moderators and organizers: mute and unmute points. */
  controls: boolean;
}

/**
 * Presenters broadcast; organizers and admins broadcast and run the control room; moderators watch it;
 * both mute points;
 * a point's operator watches the broadcast and sends its own uplink.
 */
export function mediaRights(principal: Principal, conferenceId: string): MediaRights {
  if (principal.kind === 'point') {
    if (principal.conferenceId !== conferenceId) throw new Refusal(MediaErrorCode.Forbidden, 'This join code is for another conference.');
    return { publishes: [pointSource(principal.pointId), preflightSource(principal.pointId)], pointId: principal.pointId, receivesBroadcast: true, watchesUplinks: false, controls: false };
  }
  if (principal.kind === 'delegate') throw new Refusal(MediaErrorCode.Forbidden, 'Delegates follow the conference on the room\'s screen.');
  switch (principal.role) {
    case 'admin':
    case 'organizer':
      return { publishes: [PRESENTER_SOURCE], pointId: null, receivesBroadcast: true, watchesUplinks: true, controls: true };
    case 'moderator':
      return { publishes: [], pointId: null, receivesBroadcast: true, watchesUplinks: true, controls: true };
    case 'presenter':
      return { publishes: [PRESENTER_SOURCE], pointId: null, receivesBroadcast: false, watchesUplinks: false, controls: false };
  }
}

/** May this socket receive the source, with this point holding the floor? */
export function mayReceive(rights: MediaRights, source: MediaSource, floorPointId: string | null): boolean {
  if (source === PRESENTER_SOURCE) return rights.receivesBroadcast;
  // A pre-flight test comes back to its own point only: nobody else sees it, not even the control room.
  const tested = preflightPointId(source);
  if (tested !== null) return rights.pointId !== null && tested === rights.pointId;
  const pointId = sourcePointId(source);
  if (pointId === null) return false;
  if (rights.watchesUplinks) return true;
  return rights.pointId !== null && pointId === floorPointId && pointId !== rights.pointId;
}
