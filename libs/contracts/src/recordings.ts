import type { IsoDate, Uuid } from './dto';

/** `broadcast`: the presenter's picture and sound; `floor`: the uplink of the point holding the floor, one turn. */
export type RecordingKind = 'broadcast' | 'floor';
/**
 * `recording`: being written; `done`: stopped in order; `interrupted`: ffmpeg or the api stopped without
 * finishing it (the file plays up to there); `failed`: nothing usable was written.
 */
export type RecordingState = 'recording' | 'done' | 'interrupted' | 'failed';

export interface RecordingAvailabilityDto {
  state: 'on' | 'off';
  /** Why recording is off (null when on). */
  reason: string | null;
}

/** `GET /api/conferences/:id/recordings`: one file, newest first. */
export interface RecordingDto {
  id: Uuid;
  kind: RecordingKind;
  /** The speaking point (floor recordings). */
  pointId: Uuid | null;
  pointName: string | null;
  /** The agenda item that was "now" when the recording started. */
  agendaItemId: Uuid | null;
  agendaItemTitle: string | null;
  startedAt: IsoDate;
  endedAt: IsoDate | null;
  durationMs: number | null;
  fileName: string;
  sizeBytes: number | null;
  state: RecordingState;
}
