import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveServerEvents } from '@bridgepoint/contracts';
import type { Namespace } from 'socket.io';
import { watchRoom } from '../live/live.gateway';
import { RehearsalRelay } from '../rehearsal/rehearsal-relay';
import { ReadinessRelay } from './readiness-relay';

/**
 * `presence.readiness` and `presence.rehearsal` on `/live` (the namespace LiveGateway authenticates and whose
 * rooms it fills): each process tells its own organizers' and moderators' sockets what the relays hear, so
 * the board changes colour without a reload.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class ReadinessGateway implements OnGatewayInit {
  @WebSocketServer() private readonly server!: Namespace<Record<string, never>, LiveServerEvents>;

  constructor(
    private readonly relay: ReadinessRelay,
    private readonly rehearsals: RehearsalRelay,
  ) {}

  afterInit() {
    void this.relay.listen((change) => this.server.local.to(watchRoom(change.conferenceId)).emit('presence.readiness', change));
    void this.rehearsals.listen((answer) => this.server.local.to(watchRoom(answer.conferenceId)).emit('presence.rehearsal', answer));
  }
}
