import type {
  AgendaItemDto,
  AgendaItemInput,
  ConferenceDto,
  ConferencePointDto,
  CreateConferenceRequest,
  DelegateDto,
  ImportAccepted,
  ImportKind,
  JobDto,
  LoginResponse,
  MeResponse,
  Page,
  RotateJoinCodeResponse,
  UnitDto,
  UpdateConferenceRequest,
} from '@bridgepoint/contracts';
import { request, upload } from './api';

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
};

export const queryKeys = {
  me: ['me'] as const,
  conferences: ['conferences'] as const,
  conference: (id: string) => ['conferences', id] as const,
  points: (conferenceId: string) => ['conferences', conferenceId, 'points'] as const,
  units: ['units'] as const,
  job: (jobId: string) => ['jobs', jobId] as const,
};
