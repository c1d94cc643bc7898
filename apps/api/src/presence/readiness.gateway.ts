import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveServerEvents } from '@bridgepoint/contracts';
import type { Namespace } from 'socket.io';
import { watchRoom } from '../live/live.gateway';
import { ReadinessRelay } from './readiness-relay';

/**
 * `presence.readiness` on `/live` (the namespace LiveGateway authenticates and whose rooms it fills): each
 * process tells its own organizers' and moderators' sockets what the relay hears, so the board turns
 * green without a reload.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ReadinessGateway implements OnGatewayInit {
  @WebSocketServer() private readonly server!: Namespace<Record<string, never>, LiveServerEvents>;

  constructor(private readonly relay: ReadinessRelay) {}

  afterInit() {
    void this.relay.listen((change) => this.server.local.to(watchRoom(change.conferenceId)).emit('presence.readiness', change));
  }
}
