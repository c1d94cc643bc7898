import type { AgendaItemDto, IsoDate, Uuid } from './dto';
import type { ConferenceStatus } from './enums';
import type { FloorDto, QuestionDto } from './questions';

/** Room codes rotate this often; a code stays valid for two periods. */
export const ROOM_CODE_PERIOD_SECONDS = 60;

/** What the room's check-in screen shows as a QR code (that point's operator asks for it). */
export interface RoomCodeResponse { roomCode: string; expiresAt: IsoDate }

/** The room behind a room code: shown to a delegate before they say who they are. */
export interface RoomInfo {
  conferenceId: Uuid;
  conferenceTitle: string;
  conferenceStatus: ConferenceStatus;
  pointId: Uuid;
  pointCode: string;
  pointName: string;
  expiresAt: IsoDate;
}

/** How a delegate found by name confirms it is them (from the optional import columns). */
export type DelegateConfirmation = 'birthYear' | 'phoneLast4';

/** A delegate of the room's point found by name; `ref` stands for them (the code on the invitation stays private). */
export interface RoomRosterEntry {
  ref: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  confirm: DelegateConfirmation | null;
  checkedIn: boolean;
}

/** `delegateCode` (from the invitation) or `ref` (found by name, with `confirmation` when asked for). */
export interface DelegateSessionRequest {
  roomCode: string;
  delegateCode?: string;
  ref?: string;
  confirmation?: string;
  /** A random id the phone keeps: the same phone opening again gets its session back. */
  deviceId?: string;
}
export interface DelegateSessionResponse { accessToken: string; delegateId: Uuid; pointId: Uuid; conferenceId: Uuid }

export interface DelegateMe {
  delegateId: Uuid;
  code: string;
  fullName: string;
  title: string | null;
  unit: string | null;
  /** The point of the room the phone is in. */
  pointId: Uuid;
  pointName: string;
  checkedInAt: IsoDate | null;
}

export interface SelfCheckInResponse { delegateCode: string; checkedInAt: IsoDate; replayed: boolean }

/** What every delegate may see of a conference: no phones, no pending questions, no attendance. */
export interface PublicConferenceState {
  conferenceId: Uuid;
  title: string;
  status: ConferenceStatus;
  agenda: AgendaItemDto[];
  /** Approved and answered questions, in the moderators' order. */
  questions: Pick<QuestionDto, 'id' | 'pointName' | 'unit' | 'askedBy' | 'text' | 'status' | 'agendaItemId'>[];
  currentQuestionId: Uuid | null;
  floor: FloorDto;
}
