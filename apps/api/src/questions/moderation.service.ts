import { Injectable } from '@nestjs/common';
import { ModerationSnapshot, PointModerationState, UserRole } from '@bridgepoint/contracts';
import { LiveAgendaService } from './live-agenda.service';
import { QuestionsService } from './questions.service';
import { SpeakService } from './speak.service';

/** What each screen sees of moderation, read from Postgres. */
@Injectable()
export class ModerationService {
  constructor(
    private readonly questions: QuestionsService,
    private readonly speak: SpeakService,
    private readonly agenda: LiveAgendaService,
  ) {}

  /** Presenters and the hall screen see approved and answered questions only. */
  async snapshot(conferenceId: string, role: UserRole): Promise<ModerationSnapshot> {
    const [questions, speakQueue, floor, currentQuestionId, currentAgendaItemId] = await Promise.all([
      this.questions.list(conferenceId, role === 'presenter' ? { status: ['approved', 'answered'] } : {}),
      this.speak.queue(conferenceId),
      this.speak.floor(conferenceId),
      this.questions.currentQuestionId(conferenceId),
      this.agenda.current(conferenceId),
    ]);
    return { questions, speakQueue, floor, currentQuestionId, currentAgendaItemId };
  }

  /** Each point's own view, for many points in three queries (the queue and floor concern them all). */
  async forPoints(conferenceId: string, pointIds: string[]): Promise<Map<string, PointModerationState>> {
    const out = new Map<string, PointModerationState>();
    if (pointIds.length === 0) return out;
    const [questions, queue, floor, latest, currentAgendaItemId] = await Promise.all([
      this.questions.list(conferenceId, { pointIds }),
      this.speak.queue(conferenceId),
      this.speak.floor(conferenceId),
      this.speak.latestOf(conferenceId, pointIds),
      this.agenda.current(conferenceId),
    ]);
    const waiting = queue.filter((r) => r.status === 'waiting');
    for (const pointId of pointIds) {
      const speak = queue.find((r) => r.pointId === pointId) ?? null;
      const index = speak?.status === 'waiting' ? waiting.findIndex((r) => r.id === speak.id) : -1;
      out.set(pointId, {
        questions: questions.filter((q) => q.pointId === pointId),
        speak,
        queuePosition: index >= 0 ? index + 1 : null,
        lastDecision: speak ? null : (latest.get(pointId) ?? null),
        floor,
        currentAgendaItemId,
      });
    }
    return out;
  }
}
