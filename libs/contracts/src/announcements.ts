import type { IsoDate, Uuid } from './dto';

/** The longest notice text, in characters. */
export const ANNOUNCEMENT_MAX_LENGTH = 1000;

/**
 * A notice from the organizers to every point of the conference or to the points of one district.
 * Staff see how many of the addressed points acknowledged it; an operator sees whether its own point did.
 */
export interface AnnouncementDto {
  id: Uuid;
  conferenceId: Uuid;
  text: string;
  /** The district it is addressed to; null: every point of the conference. */
  districtId: Uuid | null;
  district: string | null;
  createdAt: IsoDate;
  /** Who sent it (display name); null once that account is gone. */
  createdBy: string | null;
  /** Points it is addressed to now. */
  recipients: number;
  /** Of those, how many acknowledged it. */
  acknowledged: number;
  /** For a point operator: when its point acknowledged it (null: not yet). Always null for staff. */
  acknowledgedAt: IsoDate | null;
}

/** `POST /api/conferences/:id/announcements`. */
export interface CreateAnnouncementRequest {
  text: string;
  /** Only the points of this district (a unit of kind `district`); left out: every point. */
  districtId?: Uuid | null;
}

/** The longest chat message, in characters. */
export const CHAT_MESSAGE_MAX_LENGTH = 2000;

/** Who wrote a message of a point's thread: the point's operator, or the control room (organizers, moderators). */
export type ChatSide = 'point' | 'control';

/** One message of the thread between the control room and one point. */
export interface ChatMessageDto {
  id: Uuid;
  conferenceId: Uuid;
  pointId: Uuid;
  from: ChatSide;
  /** The staff member's display name for the control room's messages; null for the point's. */
  author: string | null;
  text: string;
  createdAt: IsoDate;
}

/** `GET /api/conferences/:id/points/:pointId/messages`: the thread, oldest first (the latest 200). */
export interface ChatThreadDto {
  pointId: Uuid;
  messages: ChatMessageDto[];
  /** Messages from the other side the asker's side has not read yet. */
  unread: number;
}

/** `GET /api/conferences/:id/threads`: every point that has a thread, latest first, with the control room's unread count. */
export interface ChatThreadSummaryDto {
  pointId: Uuid;
  code: string;
  name: string;
  unread: number;
  last: ChatMessageDto;
}

/** `/live` event `chat.read`: one side read its thread with the point up to now (other screens clear their badge). */
export interface ChatRead {
  conferenceId: Uuid;
  pointId: Uuid;
  side: ChatSide;
}
