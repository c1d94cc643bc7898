import type { AnnouncementDto, ChatMessageDto, ChatRead } from './announcements';
import type { AttendanceSummary, PointAttendanceDto } from './attendance';
import type { PublicConferenceState } from './delegates';
import type { PointRehearsalDto, PresenceChanged, PresenceReadiness } from './presence';
import type { FloorDto, ModerationSnapshot, QuestionDto, SpeakRequestDto } from './questions';

/** What a point operator sees of moderation: its own questions, its request to speak, the floor. */
export interface PointModerationState {
  questions: QuestionDto[];
  speak: SpeakRequestDto | null;
  /** 1 = next to be given the floor; null when not waiting. */
  queuePosition: number | null;
  /** When no request is open: how the point's latest one ended (done, skipped, removed, withdrawn), if any. */
  lastDecision: SpeakRequestDto | null;
  floor: FloorDto;
  /** The live agenda's current item, or null. */
  currentAgendaItemId: string | null;
}

/** Socket.io `/live` namespace: handshake `auth: {token, conferenceId}`. */
export interface LiveServerEvents {
  'attendance.summary': (summary: AttendanceSummary) => void;
  'point.attendance': (point: PointAttendanceDto) => void;
  /** Organizers, moderators and presenters: the whole moderation state, on connect and after changes (coalesced). */
  'moderation.snapshot': (snapshot: ModerationSnapshot) => void;
  /** A point operator: its own questions and request to speak, on connect and after changes. */
  'point.moderation': (state: PointModerationState) => void;
  /** A delegate's phone: the public state of the conference, on connect and after changes (coalesced). */
  'public.state': (state: PublicConferenceState) => void;
  /** Organizers and moderators: a point came online or went offline (its operator pages' `/live` connections). */
  'presence.changed': (change: PresenceChanged) => void;
  /** Organizers and moderators: a point answered the rehearsal (picture and sound received, or what was missing). */
  'presence.rehearsal': (answer: PointRehearsalDto) => void;
  /** Organizers and moderators: a point stored the result of its pre-flight. */
  'presence.readiness': (change: PresenceReadiness) => void;
  /** Operator pages that said `heartbeat: true` in the handshake: acknowledge at once, or the socket is closed. */
  'presence.ping': (ack: () => void) => void;
  /** A point operator: a new notice addressed to its point, or one its point acknowledged (from another of its pages). */
  announcement: (notice: AnnouncementDto) => void;
  /** Organizers and moderators: a notice was sent, or a point acknowledged one (the counts changed). */
  'announcement.changed': (notice: AnnouncementDto) => void;
  /** A message of a point's thread with the control room: to that point's operators, and to organizers and moderators. */
  'chat.message': (message: ChatMessageDto) => void;
  /** A side read a point's thread (to the same audiences). */
  'chat.read': (read: ChatRead) => void;
  /** Sent just before the server closes a connection it refuses (bad token, wrong conference). */
  'live.error': (error: { code: string; message: string }) => void;
}
export const LIVE_NAMESPACE = '/live';
/** At most this many summaries per second per conference. */
export const LIVE_SUMMARY_MAX_PER_SECOND = 4;
