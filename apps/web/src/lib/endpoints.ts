import type {
  AgendaItemDto,
  AgendaItemInput,
  AttendanceSummary,
  ConferenceDto,
  ConferencePointDto,
  CreateConferenceRequest,
  DelegateCheckInResponse,
  DelegateDto,
  HeadcountReport,
  ImportAccepted,
  ImportKind,
  JobDto,
  LoginResponse,
  MeResponse,
  Page,
  PointAttendanceDto,
  PointSessionResponse,
  RotateJoinCodeResponse,
  RosterDelegate,
  UnitDto,
  UpdateConferenceRequest,
} from '@bridgepoint/contracts';
import { isApiError, request, upload, type RequestOptions } from './api';

export const api = {
  login: (username: string, password: string) =>
    request<LoginResponse>('/auth/login', { method: 'POST', body: { username, password }, anonymous: true }),
  me: () => request<MeResponse>('/auth/me'),

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

  startImport: (kind: ImportKind, file: File, conferenceId: string | undefined, onProgress: (p: number) => void) => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (conferenceId) form.append('conferenceId', conferenceId);
    const path = kind === 'points' ? '/bridge-points/import' : '/delegates/import';
    return upload<ImportAccepted>(path, form, onProgress);
  },
  job: (jobId: string) => request<JobDto>(`/jobs/${encodeURIComponent(jobId)}`),

  attendanceSummary: (conferenceId: string) =>
    request<AttendanceSummary>(`/conferences/${encodeURIComponent(conferenceId)}/attendance/summary`),

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
  };
}
export type OperatorApi = ReturnType<typeof operatorApi>;

export const queryKeys = {
  me: ['me'] as const,
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
  },
};
