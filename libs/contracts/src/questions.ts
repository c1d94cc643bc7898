import type { IsoDate, Uuid } from './dto';

export const QuestionStatus = {
  Pending: 'pending',
  Approved: 'approved',
  Answered: 'answered',
  Rejected: 'rejected',
  Withdrawn: 'withdrawn',
  Merged: 'merged',
} as const;
export type QuestionStatus = (typeof QuestionStatus)[keyof typeof QuestionStatus];

/** Moderation moves; anything else is QUESTION_INVALID_TRANSITION. Withdrawing is the point's own move. */
export const QUESTION_TRANSITIONS: Record<QuestionStatus, readonly QuestionStatus[]> = {
  pending: ['approved', 'rejected', 'merged', 'withdrawn'],
  approved: ['answered', 'rejected', 'pending'],
  answered: [],
  rejected: ['pending'],
  withdrawn: [],
  merged: [],
};

export const QUESTION_MAX_LENGTH = 1000;

export interface QuestionDto {
  id: Uuid;
  conferenceId: Uuid;
  pointId: Uuid;
  pointCode: string;
  pointName: string;
  /** Ward, district or agency of the point. */
  unit: string | null;
  /** District of the point (for filters); null for city agencies. */
  district: string | null;
  askedBy: string | null;
  agendaItemId: Uuid | null;
  text: string;
  /** The text as the point sent it, when a moderator edited it. */
  originalText: string | null;
  status: QuestionStatus;
  rejectReason: string | null;
  mergedInto: string | null;
  /** Order among approved questions (smaller first); null otherwise. */
  position: number | null;
  /** Questions merged into this one. */
  mergedCount: number;
  createdAt: IsoDate;
  updatedAt: IsoDate;
  /** Increases with every change; send it back to refuse stale edits. */
  version: number;
}

export interface CreateQuestionRequest { text: string; askedBy?: string; agendaItemId?: string }
export interface ModerateQuestionRequest {
  status?: QuestionStatus;
  text?: string;
  rejectReason?: string;
  mergeInto?: string;
  version?: number;
}
/** The question shown to every point as the one being answered (`null`: none). */
export interface CurrentQuestionResponse { currentQuestionId: Uuid | null }
export interface ReorderQuestionsRequest { order: string[] }

export interface QuestionEventDto { kind: string; actor: string; at: IsoDate; data: unknown }

export const SpeakStatus = {
  Waiting: 'waiting',
  Granted: 'granted',
  Done: 'done',
  Skipped: 'skipped',
  Removed: 'removed',
  Withdrawn: 'withdrawn',
} as const;
export type SpeakStatus = (typeof SpeakStatus)[keyof typeof SpeakStatus];

export interface SpeakRequestDto {
  id: Uuid;
  conferenceId: Uuid;
  pointId: Uuid;
  pointCode: string;
  pointName: string;
  unit: string | null;
  topic: string | null;
  status: SpeakStatus;
  /** Strict order of arrival at the server, the same on every screen. */
  seq: number;
  requestedAt: IsoDate;
  decidedAt: IsoDate | null;
}

export interface FloorDto {
  conferenceId: Uuid;
  /** The point holding the floor, or null when the presenter has it. */
  pointId: Uuid | null;
  pointName: string | null;
  grantedAt: IsoDate | null;
  /** The holder's uplink or connection has been gone for a while (moderators are alerted); null while it is there. */
  interruptedAt: IsoDate | null;
}

/** Everything a moderator's screen needs, on connect and after changes. */
export interface ModerationSnapshot {
  questions: QuestionDto[];
  speakQueue: SpeakRequestDto[];
  floor: FloorDto;
  currentQuestionId: Uuid | null;
  /** The live agenda: the item the conference is on now (moderators advance it), or null. */
  currentAgendaItemId: Uuid | null;
}
