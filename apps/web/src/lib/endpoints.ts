import type {
  DelegateMe,
  DelegateSessionRequest,
  DelegateSessionResponse,
  RoomCodeResponse,
  RoomInfo,
  RoomRosterEntry,
  SelfCheckInResponse,
  AuditPage,
  StaffMemberDto,
  UserDto,
  CreateUserRequest,
  UpdateUserRequest,
  AgendaItemDto,
  AgendaItemInput,
  AttendanceSummary,
  PresenceDto,
  PointReadinessDto,
  ReadinessReport,
  ConferenceDto,
  ConferencePointDto,
  CreateConferenceRequest,
  CreateQuestionRequest,
  DelegateCheckInResponse,
  DelegateDto,
  ExportRequest,
  ExportResult,
  DelegateUnmarkResponse,
  ReconciliationDto,
  RecordExportRequest,
  RecordStateDto,
  FloorDto,
  HeadcountReport,
  ImportAccepted,
  ImportKind,
  ImportResult,
  JobDto,
  LoginResponse,
  MediaAudienceDto,
  MediaLinkDto,
  MeResponse,
  ModerateQuestionRequest,
  Page,
  PointAttendanceDto,
  PointRehearsalDto,
  RehearsalReport,
  PointSessionResponse,
  QuestionDto,
  QuestionEventDto,
  QuestionStatus,
  RotateJoinCodeResponse,
  RosterDelegate,
  SpeakRequestDto,
  UnitDto,
  UpdateConferenceRequest,
} from '@bridgepoint/contracts';
import { downloadFile, isApiError, request, upload, type RequestOptions } from './api';

const conferencePath = (conferenceId: string) => `/conferences/${encodeURIComponent(conferenceId)}`;
const questionPath = (conferenceId: string, questionId: string) =>
  `${conferencePath(conferenceId)}/questions/${encodeURIComponent(questionId)}`;
const speakPath = (conferenceId: string, requestId: string) =>
  `${conferencePath(conferenceId)}/speak-requests/${encodeURIComponent(requestId)}`;

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, anonymous: true }),
  me: () => request<MeResponse>('/auth/me'),
  /** Ends every session of this account, on every device. */
  logout: () => request<void>('/auth/logout', { method: 'POST' }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<LoginResponse>('/auth/password', { method: 'POST', body: { currentPassword, newPassword } }),

  users: () => request<UserDto[]>('/users'),
  createUser: (body: CreateUserRequest) => request<UserDto>('/users', { method: 'POST', body }),
  updateUser: (userId: string, body: UpdateUserRequest) =>
    request<UserDto>(`/users/${encodeURIComponent(userId)}`, { method: 'PATCH', body }),
  resetPassword: (userId: string, password: string) =>
    request<void>(`/users/${encodeURIComponent(userId)}/password`, { method: 'POST', body: { password } }),

  staff: (conferenceId: string) => request<StaffMemberDto[]>(`${conferencePath(conferenceId)}/staff`),
  addStaff: (conferenceId: string, username: string) =>
    request<StaffMemberDto[]>(`${conferencePath(conferenceId)}/staff`, { method: 'POST', body: { username } }),
  removeStaff: (conferenceId: string, userId: string) =>
    request<void>(`${conferencePath(conferenceId)}/staff/${encodeURIComponent(userId)}`, { method: 'DELETE' }),

  /** The audit log: of one conference (its organizers), or of everything (admins). */
  audit: (conferenceId: string | null, before?: string) =>
    request<AuditPage>(conferenceId ? `${conferencePath(conferenceId)}/audit` : '/audit', { query: { before, limit: 100 } }),
  downloadAudit: (conferenceId: string | null, format: 'csv' | 'xlsx', lang: string) =>
    downloadFile(
      `${conferenceId ? `${conferencePath(conferenceId)}/audit` : '/audit'}/export?format=${format}&lang=${lang}`,
      `audit-${conferenceId ?? 'all'}.${format}`,
    ),

  conferences: () => request<ConferenceDto[]>('/conferences'),
  conference: (id: string) => request<ConferenceDto>(`/conferences/${encodeURIComponent(id)}`),
  createConference: (body: CreateConferenceRequest) =>
    request<ConferenceDto>('/conferences', { method: 'POST', body }),
  updateConference: (id: string, body: UpdateConferenceRequest) =>
    request<ConferenceDto>(`/conferences/${encodeURIComponent(id)}`, { method: 'PATCH', body }),
  replaceAgenda: (id: string, items: AgendaItemInput[]) =>
    request<AgendaItemDto[]>(`/conferences/${encodeURIComponent(id)}/agenda`, { method: 'PUT', body: { items } }),

  points: (conferenceId: string) =>
    request<ConferencePointDto[]>(`/conferences/${encodeURIComponent(conferenceId)}/points`),
  rotateJoinCode: (conferenceId: string, pointId: string) =>
    request<RotateJoinCodeResponse>(
      `/conferences/${encodeURIComponent(conferenceId)}/points/${encodeURIComponent(pointId)}/join-code`,
      { method: 'POST' },
    ),

  units: () => request<UnitDto[]>('/units'),

  delegates: (query: { search?: string; pointId?: string; offset?: number; limit?: number }) =>
    request<Page<DelegateDto>>('/delegates', { query }),

  /** `dryRun`: the job previews the import (counts, columns, warnings); commit it with `commitImport`. */
  startImport: (kind: ImportKind, file: File, conferenceId: string | undefined, onProgress: (p: number) => void, dryRun = false) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (conferenceId) form.append('conferenceId', conferenceId);
    const path = kind === 'points' ? '/bridge-points/import' : '/delegates/import';
    return upload<ImportAccepted>(dryRun ? `${path}?dryRun=true` : path, form, onProgress);
  },
  commitImport: (uploadId: string) => request<ImportAccepted>(`/imports/${encodeURIComponent(uploadId)}/commit`, { method: 'POST' }),
  job: <R = ImportResult>(jobId: string) => request<JobDto<R>>(`/jobs/${encodeURIComponent(jobId)}`),

  startExport: (conferenceId: string, body: ExportRequest | RecordExportRequest) =>
    request<ImportAccepted>(`${conferencePath(conferenceId)}/exports`, { method: 'POST', body }),
  downloadExport: (result: Pick<ExportResult, 'exportId' | 'filename'>) =>
    downloadFile(`/exports/${encodeURIComponent(result.exportId)}`, result.filename),

  presence: (conferenceId: string) => request<PresenceDto>(`${conferencePath(conferenceId)}/presence`),
  /** The official record: its lock, versions and corrections count; the points whose headcount and roster differ. */
  recordState: (conferenceId: string) => request<RecordStateDto>(`${conferencePath(conferenceId)}/record`),
  reconciliation: (conferenceId: string) => request<ReconciliationDto>(`${conferencePath(conferenceId)}/record/reconciliation`),
  lockRecord: (conferenceId: string) => request<RecordStateDto>(`${conferencePath(conferenceId)}/record/lock`, { method: 'POST' }),
  unlockRecord: (conferenceId: string) => request<RecordStateDto>(`${conferencePath(conferenceId)}/record/unlock`, { method: 'POST' }),

  attendanceSummary: (conferenceId: string) =>
    request<AttendanceSummary>(`/conferences/${encodeURIComponent(conferenceId)}/attendance/summary`),

  /** Moderators and organizers see every question; presenters only approved and answered ones. */
  questions: (conferenceId: string, status?: readonly QuestionStatus[]) =>
    request<QuestionDto[]>(`${conferencePath(conferenceId)}/questions`, { query: { status: status?.join(',') } }),
  moderateQuestion: (conferenceId: string, questionId: string, body: ModerateQuestionRequest) =>
    request<QuestionDto>(questionPath(conferenceId, questionId), { method: 'PATCH', body }),
  /** Ids of approved questions in their new order. */
  reorderQuestions: (conferenceId: string, order: readonly string[]) =>
    request<unknown>(`${conferencePath(conferenceId)}/questions/order`, { method: 'PUT', body: { order } }),
  setCurrentQuestion: (conferenceId: string, questionId: string | null) =>
    request<unknown>(`${conferencePath(conferenceId)}/questions/current`, { method: 'PUT', body: { questionId } }),
  setCurrentAgendaItem: (conferenceId: string, agendaItemId: string | null) =>
    request<unknown>(`${conferencePath(conferenceId)}/agenda/current`, { method: 'PUT', body: { agendaItemId } }),
  questionHistory: (conferenceId: string, questionId: string) =>
    request<QuestionEventDto[]>(`${questionPath(conferenceId, questionId)}/history`),
  /** Waiting and granted requests, in arrival order (`seq`). */
  speakRequests: (conferenceId: string) => request<SpeakRequestDto[]>(`${conferencePath(conferenceId)}/speak-requests`),
  decideSpeak: (conferenceId: string, requestId: string, decision: 'grant' | 'skip' | 'remove') =>
    request<unknown>(`${speakPath(conferenceId, requestId)}/${decision}`, { method: 'POST' }),
  floor: (conferenceId: string) => request<FloorDto>(`${conferencePath(conferenceId)}/floor`),
  releaseFloor: (conferenceId: string) => request<unknown>(`${conferencePath(conferenceId)}/floor/release`, { method: 'POST' }),
  grantFloor: (conferenceId: string, pointId: string) =>
    request<FloorDto>(`${conferencePath(conferenceId)}/floor`, { method: 'POST', body: { pointId } }),
  mediaLinks: (conferenceId: string) => request<MediaLinkDto[]>(`${conferencePath(conferenceId)}/media/links`),
  mediaAudience: (conferenceId: string) => request<MediaAudienceDto>(`${conferencePath(conferenceId)}/media/audience`),

  /** A delegate's phone: the room behind a check-in code, names in its roster, a session of their own. */
  room: (roomCode: string) => request<RoomInfo>(`/rooms/${encodeURIComponent(roomCode)}`, { anonymous: true }),
  roomRoster: (roomCode: string, search: string) =>
    request<RoomRosterEntry[]>(`/rooms/${encodeURIComponent(roomCode)}/roster`, { query: { search }, anonymous: true }),
  openDelegateSession: (body: DelegateSessionRequest) =>
    request<DelegateSessionResponse>('/delegate-sessions', { method: 'POST', body, anonymous: true }),

  /** Exchanges a join code for a point operator's token. */
  openPointSession: (joinCode: string) =>
    request<PointSessionResponse>('/point-sessions', { method: 'POST', body: { joinCode }, anonymous: true }),
};

/**
 * What a point operator may call, always with the operator's own token. `onUnauthorized` hears
 * about a 401: the token has expired or the join code was changed.
 */
export function operatorApi(session: PointSessionResponse, onUnauthorized: () => void) {
  const { accessToken, conferenceId, pointId } = session;
  const call = <T>(path: string, options: RequestOptions = {}) =>
    request<T>(path, { ...options, token: accessToken }).catch((error: unknown) => {
      if (isApiError(error) && error.status === 401) onUnauthorized();
      throw error;
    });
  const conference = `/conferences/${encodeURIComponent(conferenceId)}`;
  const point = `${conference}/points/${encodeURIComponent(pointId)}`;
  return {
    conference: () => call<ConferenceDto>(conference),
    state: () => call<PointAttendanceDto>(`${point}/attendance`),
    checkIn: (signal?: AbortSignal) =>
      call<PointAttendanceDto>(`${point}/check-in`, { method: 'POST', signal }),
    checkOut: (signal?: AbortSignal) =>
      call<PointAttendanceDto>(`${point}/check-out`, { method: 'POST', signal }),
    headcount: (present: number, signal?: AbortSignal) =>
      call<PointAttendanceDto>(`${point}/headcount`, { method: 'PUT', body: { present }, signal }),
    /** `by` is "point:<id>" for the operator, "user:<username>" for an organizer. */
    headcounts: () => call<HeadcountReport[]>(`${point}/headcount`),
    /** The point's own delegates with their check-in state; `search` folds diacritics on the server. */
    roster: (search: string, signal?: AbortSignal) => call<RosterDelegate[]>(`${point}/delegates`, { query: { search }, signal }),
    checkInDelegate: (delegateCode: string, idempotencyKey: string, signal?: AbortSignal) =>
      call<DelegateCheckInResponse>(`${conference}/attendance`, {
        method: 'POST',
        body: { delegateCode },
        headers: { 'Idempotency-Key': idempotencyKey },
        signal,
      }),
    /** Undo a delegate's check-in (while the conference runs), with the reason kept in the record. */
    unmarkDelegate: (delegateCode: string, reason: string) =>
      call<DelegateUnmarkResponse>(`${conference}/attendance/${encodeURIComponent(delegateCode)}`, { method: 'DELETE', body: { reason } }),
    /** During a rehearsal: picture and sound of the test broadcast received, or what was missing. */
    rehearsal: (report: RehearsalReport) => call<PointRehearsalDto>(`${point}/rehearsal`, { method: 'PUT', body: report }),
    /** The point's own questions. */
    questions: (signal?: AbortSignal) => call<QuestionDto[]>(`${conference}/questions`, { signal }),
    askQuestion: (body: CreateQuestionRequest, idempotencyKey: string, signal?: AbortSignal) =>
      call<QuestionDto>(`${conference}/questions`, { method: 'POST', body, headers: { 'Idempotency-Key': idempotencyKey }, signal }),
    withdrawQuestion: (questionId: string, signal?: AbortSignal) =>
      call<QuestionDto>(`${conference}/questions/${encodeURIComponent(questionId)}/withdraw`, { method: 'POST', signal }),
    requestSpeak: (topic: string | null, idempotencyKey: string, signal?: AbortSignal) =>
      call<SpeakRequestDto>(`${conference}/speak-requests`, {
        method: 'POST',
        body: topic ? { topic } : {},
        headers: { 'Idempotency-Key': idempotencyKey },
        signal,
      }),
    withdrawSpeak: (requestId: string, signal?: AbortSignal) =>
      call<SpeakRequestDto>(`${conference}/speak-requests/${encodeURIComponent(requestId)}/withdraw`, { method: 'POST', signal }),
    /** The point's last pre-flight result. */
    readiness: () => call<PointReadinessDto>(`${point}/readiness`),
    saveReadiness: (report: ReadinessReport) => call<PointReadinessDto>(`${point}/readiness`, { method: 'PUT', body: report }),
  };
}
export type OperatorApi = ReturnType<typeof operatorApi>;

/** What a delegate's phone may call, with the delegate's own token. */
export function delegateApi(session: DelegateSessionResponse, onUnauthorized: () => void) {
  const call = <T>(path: string, options: RequestOptions = {}) =>
    request<T>(path, { ...options, token: session.accessToken }).catch((error: unknown) => {
      if (isApiError(error) && error.status === 401) onUnauthorized();
      throw error;
    });
  const conference = `/conferences/${encodeURIComponent(session.conferenceId)}`;
  return {
    me: () => call<DelegateMe>('/delegate-sessions/me'),
    checkIn: (idempotencyKey: string, signal?: AbortSignal) =>
      call<SelfCheckInResponse>(`${conference}/attendance/self`, { method: 'POST', headers: { 'Idempotency-Key': idempotencyKey }, signal }),
    ask: (text: string, idempotencyKey: string, signal?: AbortSignal) =>
      call<QuestionDto>(`${conference}/questions`, { method: 'POST', body: { text }, headers: { 'Idempotency-Key': idempotencyKey }, signal }),
  };
}
export type DelegateApi = ReturnType<typeof delegateApi>;

/** The room code the point's check-in screen shows (it changes every minute). */
export function roomCodeApi(session: PointSessionResponse) {
  return request<RoomCodeResponse>(
    `/conferences/${encodeURIComponent(session.conferenceId)}/points/${encodeURIComponent(session.pointId)}/room-code`,
    { token: session.accessToken },
  );
}

export const queryKeys = {
  me: ['me'] as const,
  users: ['users'] as const,
  staff: (conferenceId: string) => ['conferences', conferenceId, 'staff'] as const,
  audit: (conferenceId: string | null) => ['audit', conferenceId ?? 'all'] as const,
  conferences: ['conferences'] as const,
  conference: (id: string) => ['conferences', id] as const,
  points: (conferenceId: string) => ['conferences', conferenceId, 'points'] as const,
  units: ['units'] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
  operator: {
    conference: (pointId: string) => ['operator', pointId, 'conference'] as const,
    state: (pointId: string) => ['operator', pointId, 'state'] as const,
    headcounts: (pointId: string) => ['operator', pointId, 'headcounts'] as const,
    roster: (pointId: string) => ['operator', pointId, 'roster'] as const,
    moderation: (pointId: string) => ['operator', pointId, 'moderation'] as const,
    readiness: (pointId: string) => ['operator', pointId, 'readiness'] as const,
  },
  moderation: (conferenceId: string) => ['conferences', conferenceId, 'moderation'] as const,
  record: (conferenceId: string) => ['conferences', conferenceId, 'record'] as const,
  questionHistory: (questionId: string) => ['questions', questionId, 'history'] as const,
};
