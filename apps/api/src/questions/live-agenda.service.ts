import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { returned } from '../common/returned';
import { LiveNotifier } from '../live/live-notifier';

/** The live agenda: which agenda item the conference is on now (moderators advance it; every screen shows it). */
@Injectable()
export class LiveAgendaService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly live: LiveNotifier,
    private readonly audit: AuditService,
  ) {}

  async current(conferenceId: string): Promise<string | null> {
    const rows: { current_agenda_item_id: string | null }[] = await this.dataSource.query(
      'SELECT current_agenda_item_id FROM conferences WHERE id = $1',
      [conferenceId],
    );
    return rows[0]?.current_agenda_item_id ?? null;
  }

  /** Marks an item of the conference's agenda as now (null: none). */
  async setCurrent(conferenceId: string, agendaItemId: string | null): Promise<{ currentAgendaItemId: string | null }> {
    if (agendaItemId) {
      const item: unknown[] = await this.dataSource.query('SELECT 1 FROM agenda_items WHERE id = $1 AND conference_id = $2', [agendaItemId, conferenceId]);
      if (item.length === 0) throw DomainError.notFound(ErrorCode.AgendaItemNotFound, 'This agenda item is not in this conference’s agenda.');
    }
    const before = await this.current(conferenceId);
    const res = returned(await this.dataSource.query('UPDATE conferences SET current_agenda_item_id = $2 WHERE id = $1 RETURNING id', [conferenceId, agendaItemId]));
    if (res.length === 0) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    if (before !== agendaItemId) {
      await this.audit.record({
        action: 'conference.agenda.current',
        conferenceId,
        targetType: 'conference',
        targetId: conferenceId,
        before,
        after: agendaItemId,
      });
      this.live.changed(conferenceId, undefined, 'moderation');
    }
    return { currentAgendaItemId: agendaItemId };
  }
}
