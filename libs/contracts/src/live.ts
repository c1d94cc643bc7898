import type { AnnouncementDto, ChatMessageDto, ChatRead } from './announcements';
import type { AttendanceSummary, PointAttendanceDto } from './attendance';
import type { PublicConferenceState } from './delegates';
import type { PointRehearsalDto, PresenceChanged, PresenceReadiness } from './presence';
import type { LiveModerationSnapshot, ModerationDelta } from './moderation-delta';
import type { FloorDto, QuestionDto, SpeakRequestDto } from './questions';

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
  /**
   * Organizers, moderators and presenters: the whole moderation state with its stream and version, on connect
   * and in answer to `moderation.resync`. Replaces whatever the screen held.
   */
  'moderation.snapshot': (snapshot: LiveModerationSnapshot) => void;
  /**
   * Organizers, moderators and presenters: what changed since `baseVersion` (coalesced, at most
   * LIVE_SUMMARY_MAX_PER_SECOND a second). Apply it only to version `baseVersion` of the same `stream`
   * (`followModeration`); otherwise a delta was missed: send `moderation.resync`.
   */
  'moderation.delta': (delta: ModerationDelta) => void;
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
/** The answer to a client event of `/live`. */
export type LiveAck = { ok: true } | { ok: false; error: { code: string; message: string } };

/** What clients may send over `/live`. */
export interface LiveClientEvents {
  /**
   * Organizers, moderators and presenters, with `{}`: send me the moderation snapshot again (a delta did not
   * follow what I hold). Served at most once a second per socket; a request within that second is served
   * when it ends. Others are answered FORBIDDEN, a payload other than `{}` VALIDATION_FAILED.
   */
  'moderation.resync': (payload: Record<string, never>, ack: (result: LiveAck) => void) => void;
}
/** A socket asks for `moderation.resync` at most this often; more often is served at this pace. */
export const MODERATION_RESYNC_MIN_GAP_MS = 1000;
export const LIVE_NAMESPACE = '/live';
/** At most this many summaries per second per conference. */
export const LIVE_SUMMARY_MAX_PER_SECOND = 4;
