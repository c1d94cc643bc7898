import { Injectable } from '@nestjs/common';
import type { RecordingDto, RecordingKind, RecordingState } from '@bridgepoint/contracts';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';

/** Where a conference's recording lives: `RECORDINGS_DIR/<conference id>/<file>`. */
export const recordingPath = (config: AppConfig, conferenceId: string, fileName: string) => join(config.recording.dir, conferenceId, fileName);

interface Row {
  id: string;
  kind: RecordingKind;
  point_id: string | null;
  point_name: string | null;
  agenda_item_id: string | null;
  agenda_item_title: string | null;
  started_at: Date;
  ended_at: Date | null;
  duration_ms: number | null;
  file_name: string;
  size_bytes: string | number | null;
  state: RecordingState;
}

const SELECT = `SELECT id, kind, point_id, point_name, agenda_item_id, agenda_item_title, started_at, ended_at, duration_ms,
  file_name, size_bytes, state FROM recordings`;

const dtoOf = (r: Row): RecordingDto => ({
  id: r.id,
  kind: r.kind,
  pointId: r.point_id,
  pointName: r.point_name,
  agendaItemId: r.agenda_item_id,
  agendaItemTitle: r.agenda_item_title,
  startedAt: r.started_at.toISOString(),
  endedAt: r.ended_at?.toISOString() ?? null,
  durationMs: r.duration_ms,
  fileName: r.file_name,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes),
  state: r.state,
});

/** The `recordings` table: a row per file, written when it starts and when it ends. */
@Injectable()
export class RecordingsStore {
  constructor(private readonly dataSource: DataSource) {}

  /** A recording starting now, with the point's name and the agenda item that is "now" (both as they are now). */
  async begin(id: string, conferenceId: string, kind: RecordingKind, pointId: string | null, fileName: string, startedAt: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO recordings (id, conference_id, kind, point_id, point_name, agenda_item_id, agenda_item_title, file_name, started_at)
       SELECT $1, c.id, $3, p.id, p.name, a.id, a.title, $5, $6
         FROM conferences c
         LEFT JOIN bridge_points p ON p.id = $4
         LEFT JOIN agenda_items a ON a.id = c.current_agenda_item_id
        WHERE c.id = $2`,
      [id, conferenceId, kind, pointId, fileName, startedAt.toISOString()],
    );
  }

  async end(id: string, state: Exclude<RecordingState, 'recording'>, sizeBytes: number, endedAt = new Date()): Promise<void> {
    await this.dataSource.query(
      `UPDATE recordings SET state = $2, size_bytes = $3, ended_at = GREATEST(started_at, $4::timestamptz),
              duration_ms = (EXTRACT(EPOCH FROM GREATEST(started_at, $4::timestamptz) - started_at) * 1000)::int
        WHERE id = $1 AND state = 'recording'`,
      [id, state, sizeBytes, endedAt.toISOString()],
    );
  }

  /** Recordings still marked as being written. */
  async unfinished(): Promise<{ id: string; conferenceId: string; fileName: string }[]> {
    const rows: { id: string; conference_id: string; file_name: string }[] = await this.dataSource.query(
      `SELECT id, conference_id, file_name FROM recordings WHERE state = 'recording'`,
    );
    return rows.map((r) => ({ id: r.id, conferenceId: r.conference_id, fileName: r.file_name }));
  }

  async list(conferenceId: string): Promise<RecordingDto[]> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE conference_id = $1 ORDER BY started_at DESC, id`, [conferenceId]);
    return rows.map(dtoOf);
  }

  async get(conferenceId: string, id: string): Promise<RecordingDto | null> {
    const rows: Row[] = await this.dataSource.query(`${SELECT} WHERE conference_id = $1 AND id = $2`, [conferenceId, id]);
    return rows[0] ? dtoOf(rows[0]) : null;
  }
}
