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
  Internal: 'INTERNAL_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
