import { Injectable } from '@nestjs/common';
import type { ExportKind, ExportLanguage } from '@bridgepoint/contracts';
import { DataSource } from 'typeorm';
import { CITY_AGENCIES, SummaryService } from '../attendance/summary.service';
import { ExportTable } from './table-writers';
import { POINT_DISTRICT, POINT_UNITS_JOIN } from '../units/unit-sql';

const STATUS: Record<string, { vi: string; en: string }> = {
  expected: { vi: 'Chưa điểm danh', en: 'Not checked in' },
  checked_in: { vi: 'Đã điểm danh', en: 'Checked in' },
  checked_out: { vi: 'Đã rời', en: 'Checked out' },
};
const QUESTION_STATUS: Record<string, { vi: string; en: string }> = {
  pending: { vi: 'Chờ duyệt', en: 'Pending' },
  approved: { vi: 'Đã duyệt', en: 'Approved' },
  answered: { vi: 'Đã trả lời', en: 'Answered' },
  rejected: { vi: 'Từ chối', en: 'Rejected' },
  withdrawn: { vi: 'Đã rút', en: 'Withdrawn' },
  merged: { vi: 'Đã gộp', en: 'Merged' },
};
const YES = { vi: 'Có', en: 'Yes' };
const NO = { vi: 'Không', en: 'No' };

/** The official attendance record, read from Postgres, as tables ready to write. */
@Injectable()
export class ExportTables {
  constructor(
    private readonly dataSource: DataSource,
    private readonly summaries: SummaryService,
  ) {}

  build(conferenceId: string, kind: ExportKind, lang: ExportLanguage): Promise<ExportTable> {
    if (kind === 'points') return this.points(conferenceId, lang);
    if (kind === 'units') return this.units(conferenceId, lang);
    if (kind === 'questions') return this.questions(conferenceId, lang);
    return this.delegates(conferenceId, lang);
  }

  private async points(conferenceId: string, lang: ExportLanguage): Promise<ExportTable> {
    const rows: Record<string, string | number | Date | null>[] = await this.dataSource.query(
      `SELECT p.code, p.name,
              ${POINT_DISTRICT} AS district,
              u.name AS unit, p.expected_delegates AS expected, cp.status, cp.checked_in_at, cp.checked_out_at,
              cp.present, cp.delegates_checked_in, p.operator_name, p.operator_phone
         FROM conference_points cp
         JOIN bridge_points p ON p.id = cp.point_id
         ${POINT_UNITS_JOIN}
        WHERE cp.conference_id = $1
        ORDER BY 3 NULLS LAST, p.code`,
      [conferenceId],
    );
    return {
      title: { vi: 'Điểm danh điểm cầu', en: 'Points attendance' },
      columns: [
        { key: 'code', vi: 'Mã điểm cầu', en: 'Point code', width: 14 },
        { key: 'name', vi: 'Tên điểm cầu', en: 'Point name', width: 40 },
        { key: 'district', vi: 'Quận/Huyện', en: 'District', width: 18 },
        { key: 'unit', vi: 'Đơn vị', en: 'Unit', width: 24 },
        { key: 'expected', vi: 'Số đại biểu dự kiến', en: 'Expected delegates' },
        { key: 'status', vi: 'Trạng thái', en: 'Status' },
        { key: 'checked_in_at', vi: 'Giờ điểm danh', en: 'Checked in at', width: 20 },
        { key: 'checked_out_at', vi: 'Giờ rời', en: 'Checked out at', width: 20 },
        { key: 'present', vi: 'Số có mặt (báo cáo)', en: 'Present (reported)' },
        { key: 'delegates_checked_in', vi: 'Đại biểu đã điểm danh', en: 'Delegates checked in' },
        { key: 'operator_name', vi: 'Người phụ trách', en: 'Operator', width: 22 },
        { key: 'operator_phone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
      ],
      rows: rows.map((r) => ({ ...r, district: r.district ?? CITY_AGENCIES[lang], status: STATUS[r.status as string]?.[lang] ?? r.status })),
    };
  }

  private async units(conferenceId: string, lang: ExportLanguage): Promise<ExportTable> {
    const summary = await this.summaries.compute(conferenceId);
    const rate = (a: number, b: number) => (b === 0 ? null : Math.round((1000 * a) / b) / 10);
    return {
      title: { vi: 'Tổng hợp theo đơn vị', en: 'Attendance by unit' },
      columns: [
        { key: 'name', vi: 'Quận/Huyện', en: 'District', width: 26 },
        { key: 'points', vi: 'Số điểm cầu', en: 'Points' },
        { key: 'pointsCheckedIn', vi: 'Điểm cầu đã điểm danh', en: 'Points checked in' },
        { key: 'expected', vi: 'Đại biểu dự kiến', en: 'Expected delegates' },
        { key: 'present', vi: 'Có mặt (báo cáo)', en: 'Present (reported)' },
        { key: 'checkedIn', vi: 'Đại biểu đã điểm danh', en: 'Delegates checked in' },
        { key: 'rate', vi: 'Tỷ lệ có mặt (%)', en: 'Present (%)' },
      ],
      rows: [
        ...summary.byUnit.map((u) => ({ ...u, name: u.unitId === null ? CITY_AGENCIES[lang] : u.name })),
        { name: lang === 'vi' ? 'Tổng cộng' : 'Total', points: summary.points, delegates: summary.delegates },
      ].map((u) => ({
        name: u.name,
        points: u.points.total,
        pointsCheckedIn: u.points.checkedIn,
        expected: u.delegates.expected,
        present: u.delegates.present,
        checkedIn: u.delegates.checkedIn,
        rate: rate(u.delegates.present, u.delegates.expected),
      })),
    };
  }

  private async delegates(conferenceId: string, lang: ExportLanguage): Promise<ExportTable> {
    const rows: Record<string, string | Date | null>[] = await this.dataSource.query(
      `SELECT d.code, d.full_name, d.title, d.unit, p.code AS point_code, p.name AS point_name,
              dc.checked_in_at, p2.code AS checked_in_point
         FROM delegates d
         JOIN conference_points cp ON cp.point_id = d.point_id AND cp.conference_id = $1
         JOIN bridge_points p ON p.id = d.point_id
         LEFT JOIN delegate_checkins dc ON dc.conference_id = $1 AND dc.delegate_id = d.id
         LEFT JOIN bridge_points p2 ON p2.id = dc.point_id
        ORDER BY p.code, d.code`,
      [conferenceId],
    );
    return {
      title: { vi: 'Điểm danh đại biểu', en: 'Delegates attendance' },
      columns: [
        { key: 'code', vi: 'Mã đại biểu', en: 'Delegate code', width: 14 },
        { key: 'full_name', vi: 'Họ và tên', en: 'Full name', width: 28 },
        { key: 'title', vi: 'Chức vụ', en: 'Title', width: 24 },
        { key: 'unit', vi: 'Đơn vị', en: 'Unit', width: 30 },
        { key: 'point_code', vi: 'Mã điểm cầu', en: 'Point code', width: 14 },
        { key: 'point_name', vi: 'Điểm cầu', en: 'Point', width: 36 },
        { key: 'present', vi: 'Có mặt', en: 'Present' },
        { key: 'checked_in_at', vi: 'Giờ điểm danh', en: 'Checked in at', width: 20 },
        { key: 'checked_in_point', vi: 'Điểm danh tại', en: 'Checked in at point', width: 14 },
      ],
      rows: rows.map((r) => ({ ...r, present: (r.checked_in_at ? YES : NO)[lang] })),
    };
  }

  private async questions(conferenceId: string, lang: ExportLanguage): Promise<ExportTable> {
    const rows: Record<string, string | number | Date | null>[] = await this.dataSource.query(
      `SELECT q.created_at, p.code AS point_code, p.name AS point_name,
              ${POINT_DISTRICT} AS district,
              q.asked_by, a.title AS agenda, q.text, q.original_text, q.status, q.reject_reason,
              m.text AS merged_into, CASE WHEN q.status = 'approved' THEN q.position END AS position, q.updated_at
         FROM questions q
         JOIN bridge_points p ON p.id = q.point_id
         ${POINT_UNITS_JOIN}
         LEFT JOIN agenda_items a ON a.id = q.agenda_item_id
         LEFT JOIN questions m ON m.id = q.merged_into
        WHERE q.conference_id = $1
        ORDER BY q.created_at, q.id`,
      [conferenceId],
    );
    return {
      title: { vi: 'Nhật ký câu hỏi', en: 'Question log' },
      columns: [
        { key: 'created_at', vi: 'Thời gian gửi', en: 'Sent at', width: 20 },
        { key: 'point_code', vi: 'Mã điểm cầu', en: 'Point code', width: 14 },
        { key: 'point_name', vi: 'Điểm cầu', en: 'Point', width: 32 },
        { key: 'district', vi: 'Quận/Huyện', en: 'District', width: 18 },
        { key: 'asked_by', vi: 'Người hỏi', en: 'Asked by', width: 22 },
        { key: 'agenda', vi: 'Nội dung chương trình', en: 'Agenda item', width: 24 },
        { key: 'text', vi: 'Câu hỏi', en: 'Question', width: 60 },
        { key: 'original_text', vi: 'Câu hỏi gốc (trước biên tập)', en: 'Original text (before editing)', width: 60 },
        { key: 'status', vi: 'Trạng thái', en: 'Status' },
        { key: 'reject_reason', vi: 'Lý do từ chối', en: 'Rejection reason', width: 30 },
        { key: 'merged_into', vi: 'Gộp vào câu hỏi', en: 'Merged into', width: 40 },
        { key: 'position', vi: 'Thứ tự', en: 'Order' },
        { key: 'updated_at', vi: 'Cập nhật lần cuối', en: 'Last change', width: 20 },
      ],
      rows: rows.map((r) => ({ ...r, district: r.district ?? CITY_AGENCIES[lang], status: QUESTION_STATUS[r.status as string]?.[lang] ?? r.status })),
    };
  }
}
