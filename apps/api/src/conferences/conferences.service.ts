import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  AgendaItemDto,
  AgendaItemInput,
  CONFERENCE_TRANSITIONS,
  ConferenceDto,
  ConferenceStatus,
  ErrorCode,
} from '@bridgepoint/contracts';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { PrincipalStates } from '../auth/principal-states';
import { StaffService } from '../auth/staff.service';
import { DomainError } from '../common/domain-error';
import { LiveNotifier } from '../live/live-notifier';
import { clearRehearsalAttendance } from '../rehearsal/rehearsal-attendance';
import { AgendaItem } from './entities/agenda-item.entity';
import { Conference } from './entities/conference.entity';

export interface ConferenceInput {
  title?: string;
  description?: string | null;
  startsAt?: string;
  endsAt?: string | null;
  status?: ConferenceStatus;
  allowCrossPointCheckIn?: boolean;
  agenda?: AgendaItemInput[];
}

@Injectable()
export class ConferencesService {
  constructor(
    @InjectRepository(Conference) private readonly conferences: Repository<Conference>,
    private readonly dataSource: DataSource,
    private readonly staff: StaffService,
    private readonly states: PrincipalStates,
    private readonly audit: AuditService,
    private readonly live: LiveNotifier,
  ) {}

  /** Every conference, or (with a user id) those the user is staff of. */
  async list(staffUserId: string | null = null): Promise<ConferenceDto[]> {
    const all = staffUserId
      ? await this.conferences
          .createQueryBuilder('c')
          .where('c.id IN (SELECT conference_id FROM conference_staff WHERE user_id = :u)', { u: staffUserId })
          .orderBy('c.startsAt', 'DESC')
          .getMany()
      : await this.conferences.find({ order: { startsAt: 'DESC' } });
    return Promise.all(all.map((c) => this.toDto(c)));
  }

  async get(id: string): Promise<ConferenceDto> {
    return this.toDto(await this.require(id));
  }

  async require(id: string, manager: EntityManager = this.conferences.manager): Promise<Conference> {
    const c = await manager.findOneBy(Conference, { id });
    if (!c) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
    return c;
  }

  async create(input: ConferenceInput & { title: string; startsAt: string }, userId: string | null): Promise<ConferenceDto> {
    const startsAt = new Date(input.startsAt);
    const endsAt = input.endsAt ? new Date(input.endsAt) : null;
    checkSchedule(startsAt, endsAt);
    const id = await this.dataSource.transaction(async (m) => {
      const saved = await m.save(
        m.create(Conference, {
          title: input.title,
          description: input.description ?? null,
          startsAt,
          endsAt,
          status: 'draft',
          createdBy: userId,
        }),
      );
      if (input.agenda) await this.writeAgenda(m, saved.id, input.agenda);
      // Whoever creates a conference runs it.
      if (userId) await this.staff.insert(saved.id, userId, userId, m);
      return saved.id;
    });
    const created = await this.get(id);
    await this.audit.record({ action: 'conference.create', conferenceId: id, targetType: 'conference', targetId: id, after: summary(created) });
    return created;
  }

  async update(id: string, input: ConferenceInput): Promise<ConferenceDto> {
    const before = await this.dataSource.transaction(async (m) => {
      const c = await m.findOne(Conference, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!c) throw DomainError.notFound(ErrorCode.ConferenceNotFound, 'No conference with this id.');
      const before = fields(c);
      if (input.title !== undefined) c.title = input.title;
      if (input.description !== undefined) c.description = input.description;
      if (input.startsAt !== undefined) c.startsAt = new Date(input.startsAt);
      if (input.endsAt !== undefined) c.endsAt = input.endsAt ? new Date(input.endsAt) : null;
      if (input.allowCrossPointCheckIn !== undefined) c.allowCrossPointCheckIn = input.allowCrossPointCheckIn;
      checkSchedule(c.startsAt, c.endsAt);
      if (input.status !== undefined && input.status !== c.status) {
        if (!CONFERENCE_TRANSITIONS[c.status].includes(input.status)) {
          throw DomainError.conflict(
            ErrorCode.ConferenceInvalidTransition,
            `A ${c.status} conference cannot become ${input.status}.`,
            { from: c.status, to: input.status, allowed: CONFERENCE_TRANSITIONS[c.status] },
          );
        }
        if (c.status === ConferenceStatus.Rehearsal) await clearRehearsalAttendance(m, id);
        if (input.status === ConferenceStatus.Rehearsal) c.rehearsalStartedAt = new Date();
        c.status = input.status;
      }
      await m.save(c);
      return before;
    });
    const updated = await this.get(id);
    const after = summary(updated);
    const changed = (Object.keys(before) as (keyof typeof before)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
    if (changed.length > 0) {
      await this.audit.record({
        action: 'conference.update',
        conferenceId: id,
        targetType: 'conference',
        targetId: id,
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
    }
    if (before.status !== updated.status) {
      await this.states.revoke({ kind: 'conference', conferenceId: id, reason: `now ${updated.status}` });
      // Operator pages show the status (a rehearsal asks them to confirm; leaving it cleared their check-ins).
      const points: { point_id: string }[] = await this.dataSource.query('SELECT point_id FROM conference_points WHERE conference_id = $1', [id]);
      for (const p of points) this.live.changed(id, p.point_id);
    }
    // Screens that show the title, status or agenda (delegates' phones, the hall) follow.
    if (changed.length > 0) this.live.changed(id, undefined, 'moderation');
    return updated;
  }

  async replaceAgenda(id: string, items: AgendaItemInput[]): Promise<AgendaItemDto[]> {
    const before = await this.dataSource.transaction(async (m) => {
      await this.require(id, m);
      const before = await m.find(AgendaItem, { where: { conferenceId: id }, order: { position: 'ASC' } });
      await this.writeAgenda(m, id, items);
      return before.map((a) => a.title);
    });
    const agenda = (await this.get(id)).agenda;
    this.live.changed(id, undefined, 'moderation');
    await this.audit.record({ action: 'conference.agenda', conferenceId: id, targetType: 'conference', targetId: id, before, after: agenda.map((a) => a.title) });
    return agenda;
  }

  private async writeAgenda(m: EntityManager, conferenceId: string, items: AgendaItemInput[]) {
    await m.delete(AgendaItem, { conferenceId });
    if (items.length === 0) return;
    await m.insert(
      AgendaItem,
      items.map((it, position) => ({
        conferenceId,
        position,
        title: it.title,
        speaker: it.speaker ?? null,
        plannedStart: it.plannedStart ? new Date(it.plannedStart) : null,
        durationMinutes: it.durationMinutes ?? null,
      })),
    );
  }

  private async toDto(c: Conference): Promise<ConferenceDto> {
    const [agenda, totals] = await Promise.all([
      this.dataSource.getRepository(AgendaItem).find({ where: { conferenceId: c.id }, order: { position: 'ASC' } }),
      this.dataSource.query(
        `SELECT count(*)::int AS points, coalesce(sum(p.expected_delegates), 0)::int AS expected
           FROM conference_points cp JOIN bridge_points p ON p.id = cp.point_id
          WHERE cp.conference_id = $1`,
        [c.id],
      ) as Promise<{ points: number; expected: number }[]>,
    ]);
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      startsAt: c.startsAt.toISOString(),
      endsAt: c.endsAt?.toISOString() ?? null,
      status: c.status,
      agenda: agenda.map((a) => ({
        id: a.id,
        position: a.position,
        title: a.title,
        speaker: a.speaker,
        plannedStart: a.plannedStart?.toISOString() ?? null,
        durationMinutes: a.durationMinutes,
      })),
      pointCount: totals[0]?.points ?? 0,
      expectedDelegates: totals[0]?.expected ?? 0,
      allowCrossPointCheckIn: c.allowCrossPointCheckIn,
      createdAt: c.createdAt.toISOString(),
    };
  }
}

/** The fields of a conference an audit entry compares. */
function fields(c: Conference) {
  return {
    title: c.title,
    description: c.description,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt?.toISOString() ?? null,
    status: c.status,
    allowCrossPointCheckIn: c.allowCrossPointCheckIn,
  };
}

function summary(c: ConferenceDto): ReturnType<typeof fields> {
  return {
    title: c.title,
    description: c.description,
    startsAt: c.startsAt,
    endsAt: c.endsAt,
    status: c.status,
    allowCrossPointCheckIn: c.allowCrossPointCheckIn,
  };
}

function checkSchedule(startsAt: Date, endsAt: Date | null) {
  if (endsAt && endsAt.getTime() <= startsAt.getTime()) {
    throw DomainError.badRequest(ErrorCode.ConferenceInvalidSchedule, 'The conference must end after it starts.', {
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
    });
  }
}
