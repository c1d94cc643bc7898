import { OnGatewayInit, WebSocketGateway, WebSocketServer } from '@nestjs/websockets';
import { LIVE_NAMESPACE, type LiveServerEvents } from '@bridgepoint/contracts';
import type { Namespace } from 'socket.io';
import { pointRoom, watchRoom } from '../live/live.gateway';
import { AnnouncementsRelay, NoticeMessage } from './announcements-relay';

/**
 * Notices on `/live` (the same namespace as LiveGateway, which authenticates the sockets and puts them in
 * their rooms): each process sends to its own sockets what the relay hears, so nothing arrives twice.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class AnnouncementsGateway implements OnGatewayInit {
  @WebSocketServer() private readonly server!: Namespace<Record<string, never>, LiveServerEvents>;

  constructor(private readonly relay: AnnouncementsRelay) {}

  afterInit() {
    void this.relay.listen((m) => this.deliver(m));
  }

  private deliver(m: NoticeMessage) {
    if (m.kind === 'chat' || m.kind === 'read') {
      const { conferenceId, pointId } = m.kind === 'chat' ? m.message : m.read;
      const rooms = [pointRoom(conferenceId, pointId), watchRoom(conferenceId)];
      if (m.kind === 'chat') this.server.local.to(rooms).emit('chat.message', m.message);
      else this.server.local.to(rooms).emit('chat.read', m.read);
      return;
    }
    const { notice } = m;
    if (m.kind === 'sent') {
      for (const pointId of m.pointIds) this.server.local.to(pointRoom(notice.conferenceId, pointId)).emit('announcement', notice);
    } else if (m.point) {
      // The point's other pages take the banner down too.
      this.server.local.to(pointRoom(notice.conferenceId, m.point.pointId)).emit('announcement', m.point.notice);
    }
    this.server.local.to(watchRoom(notice.conferenceId)).emit('announcement.changed', notice);
  }
}
