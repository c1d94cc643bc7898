import { Injectable } from '@nestjs/common';
import type { PublicConferenceState } from '@bridgepoint/contracts';
import { ConferencesService } from '../conferences/conferences.service';
import { QuestionsService } from '../questions/questions.service';
import { SpeakService } from '../questions/speak.service';

/** A computed state is reused this long: a storm of 23,000 reconnects reads the database once per conference. */
const REUSE_MS = 1000;

/**
 * What every delegate's phone shows: the agenda, approved questions in order, the floor. Computed once per
 * conference and change (not per socket), and compared with what was last sent, so idle phones hear
 * nothing until something they can see changes.
 */
@Injectable()
export class PublicState {
  private readonly cache = new Map<string, { at: number; state: Promise<PublicConferenceState> }>();
  private readonly sent = new Map<string, string>();

  constructor(
    private readonly conferences: ConferencesService,
    private readonly questions: QuestionsService,
    private readonly speak: SpeakService,
  ) {}

  get(conferenceId: string): Promise<PublicConferenceState> {
    const hit = this.cache.get(conferenceId);
    if (hit && Date.now() - hit.at < REUSE_MS) return hit.state;
    const state = this.compute(conferenceId);
    const entry = { at: Date.now(), state };
    this.cache.set(conferenceId, entry);
    state.catch(() => this.cache.get(conferenceId) === entry && this.cache.delete(conferenceId));
    return state;
  }

  /** Fresh state if it differs from what was last sent to this conference's phones, else null. */
  async changed(conferenceId: string): Promise<PublicConferenceState | null> {
    this.cache.delete(conferenceId);
    const state = await this.get(conferenceId);
    const fingerprint = JSON.stringify(state);
    if (this.sent.get(conferenceId) === fingerprint) return null;
    this.sent.set(conferenceId, fingerprint);
    return state;
  }

  forget(conferenceId: string) {
    this.cache.delete(conferenceId);
    this.sent.delete(conferenceId);
  }

  private async compute(conferenceId: string): Promise<PublicConferenceState> {
    const [conference, questions, floor, currentQuestionId] = await Promise.all([
      this.conferences.get(conferenceId),
      this.questions.list(conferenceId, { status: ['approved', 'answered'] }),
      this.speak.floor(conferenceId),
      this.questions.currentQuestionId(conferenceId),
    ]);
    return {
      conferenceId,
      title: conference.title,
      status: conference.status,
      agenda: conference.agenda,
      questions: questions.map((q) => ({
        id: q.id,
        pointName: q.pointName,
        unit: q.unit,
        askedBy: q.askedBy,
        text: q.text,
        status: q.status,
        agendaItemId: q.agendaItemId,
      })),
      currentQuestionId,
      floor,
    };
  }
}
