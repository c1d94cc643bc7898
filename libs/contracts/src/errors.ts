/**
 * Stable error codes. Every 4xx/5xx body is `{statusCode, code, message, details?}`;
 * clients switch on `code`, never on `message`.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  RateLimited: 'RATE_LIMITED',
  ConferenceNotFound: 'CONFERENCE_NOT_FOUND',
  ConferenceInvalidSchedule: 'CONFERENCE_INVALID_SCHEDULE',
  ConferenceInvalidTransition: 'CONFERENCE_INVALID_TRANSITION',
  PointNotFound: 'POINT_NOT_FOUND',
  PointNotInConference: 'POINT_NOT_IN_CONFERENCE',
  JoinCodeInvalid: 'JOIN_CODE_INVALID',
  DelegateNotFound: 'DELEGATE_NOT_FOUND',
  DelegateOfAnotherPoint: 'DELEGATE_OF_ANOTHER_POINT',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
  IdempotencyKeyInvalid: 'IDEMPOTENCY_KEY_INVALID',
  ConferenceEnded: 'CONFERENCE_ENDED',
  /** A rehearsal confirmation outside a rehearsal. */
  ConferenceNotInRehearsal: 'CONFERENCE_NOT_IN_REHEARSAL',
  UnitNotFound: 'UNIT_NOT_FOUND',
  UserExists: 'USER_EXISTS',
  ImportFileMissing: 'IMPORT_FILE_MISSING',
  ImportNotATable: 'IMPORT_NOT_A_TABLE',
  ImportMissingColumns: 'IMPORT_MISSING_COLUMNS',
  ImportUnsupportedFormat: 'IMPORT_UNSUPPORTED_FORMAT',
  /** A text file that is not UTF-8 or UTF-16 (Windows-1258, TCVN3…): refused rather than guessed. */
  ImportTextEncoding: 'IMPORT_TEXT_ENCODING',
  ImportFileTooLarge: 'IMPORT_FILE_TOO_LARGE',
  /** A workbook (XLSX/ODS) whose contents would inflate beyond the configured cap. */
  ImportUncompressedTooLarge: 'IMPORT_UNCOMPRESSED_TOO_LARGE',
  ImportTooManyRows: 'IMPORT_TOO_MANY_ROWS',
  ImportTooManyColumns: 'IMPORT_TOO_MANY_COLUMNS',
  /** Reading the file took longer or needed more memory than allowed. */
  ImportTooComplex: 'IMPORT_TOO_COMPLEX',
  ImportUploadNotFound: 'IMPORT_UPLOAD_NOT_FOUND',
  /** The upload was deleted after its retention period. */
  ImportUploadExpired: 'IMPORT_UPLOAD_EXPIRED',
  ImportAlreadyCommitted: 'IMPORT_ALREADY_COMMITTED',
  JobNotFound: 'JOB_NOT_FOUND',
  ExportNotFound: 'EXPORT_NOT_FOUND',
  /** The export file was deleted after its retention period. */
  ExportExpired: 'EXPORT_EXPIRED',
  QuestionNotFound: 'QUESTION_NOT_FOUND',
  QuestionInvalidTransition: 'QUESTION_INVALID_TRANSITION',
  QuestionStale: 'QUESTION_STALE',
  SpeakRequestNotFound: 'SPEAK_REQUEST_NOT_FOUND',
  SpeakRequestExists: 'SPEAK_REQUEST_EXISTS',
  SpeakInvalidTransition: 'SPEAK_INVALID_TRANSITION',
  AgendaItemNotFound: 'AGENDA_ITEM_NOT_FOUND',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  /** A room code that is wrong or older than two periods: scan the room's screen again. */
  RoomCodeInvalid: 'ROOM_CODE_INVALID',
  /** The delegate already opened the conference on another phone. */
  DelegateSignedInElsewhere: 'DELEGATE_SIGNED_IN_ELSEWHERE',
  DelegateConfirmationRequired: 'DELEGATE_CONFIRMATION_REQUIRED',
  DelegateConfirmationWrong: 'DELEGATE_CONFIRMATION_WRONG',
  /** The token was valid once but its session ended: sign-out, password or role change, account disabled. */
  SessionEnded: 'SESSION_ENDED',
  /** The point's join code was rotated: open the new link. */
  JoinCodeRotated: 'JOIN_CODE_ROTATED',
  NotConferenceStaff: 'NOT_CONFERENCE_STAFF',
  AccountDisabled: 'ACCOUNT_DISABLED',
  PasswordTooWeak: 'PASSWORD_TOO_WEAK',
  UserNotFound: 'USER_NOT_FOUND',
  /** The bootstrap admin follows ADMIN_USERNAME / ADMIN_PASSWORD: change it there. */
  AccountManagedByConfig: 'ACCOUNT_MANAGED_BY_CONFIG',
  /** The change would leave no active admin. */
  LastAdmin: 'LAST_ADMIN',
  /** A text field holds a NUL or another control character. */
  InvalidText: 'INVALID_TEXT',
  JsonTooDeep: 'JSON_TOO_DEEP',
  /** Too much work of this kind in progress (e.g. password checks): retry shortly. */
  ServiceBusy: 'SERVICE_BUSY',
  /** socket.io: a connection from a web origin this deployment does not serve. */
  OriginNotAllowed: 'ORIGIN_NOT_ALLOWED',
  /** socket.io: a newer connection of the same principal took this one's place. */
  ConnectionReplaced: 'CONNECTION_REPLACED',
  /** Links to operators cannot be sent while PUBLIC_URL is unset or a loopback address. */
  PublicUrlMissing: 'PUBLIC_URL_MISSING',
  /** No mail server (SMTP_URL) or SMS gateway (SMS_WEBHOOK_URL) is configured for this channel. */
  ChannelNotConfigured: 'CHANNEL_NOT_CONFIGURED',
  /** The attendance record is locked (signed off): no attendance change until an admin unlocks it. */
  RecordLocked: 'RECORD_LOCKED',
  /** An operator's unmark after the conference ended, or of another point's delegate: organizers correct it. */
  CorrectionNotAllowed: 'CORRECTION_NOT_ALLOWED',
  /** An export kind asked for in a format it does not come in (the record: PDF or XLSX). */
  ExportFormatUnsupported: 'EXPORT_FORMAT_UNSUPPORTED',
  /** No recording with this id in this conference, or its file is gone from RECORDINGS_DIR. */
  RecordingNotFound: 'RECORDING_NOT_FOUND',
  Internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
