import { foldText, normalizeCell } from '@bridgepoint/contracts';
import type { RawRecord } from './tabular.types';

/** Cells that end a list: totals, signatures, approvals (folded: no case, no diacritics). */
const FOOTER_PHRASES = [
  'tong cong', 'tong so', 'tong', 'cong', 'nguoi lap bieu', 'nguoi lap', 'nguoi ky', 'ky ten', 'ky ghi ro ho ten',
  'xac nhan', 'thu truong don vi', 'thu truong', 'lanh dao don vi', 'giam doc', 'truong phong', 'chu tich',
  'total', 'grand total', 'prepared by', 'approved by', 'signature', 'signed',
];
/** Single words are footers only as the whole cell ("Cộng", not "Công an phường"). */
const ONE_WORD = new Set(FOOTER_PHRASES.filter((p) => !p.includes(' ')));
/** "Hà Nội, ngày 12 tháng 3 năm 2026" */
const DATE_LINE = /(^|\s)ngay(\s+\d+|\s*\.+)?\s+thang(\s+\d+|\s*\.+)?\s+nam\b/;

function isFooterCell(cell: string): boolean {
  const f = foldText(cell);
  if (f === '') return false;
  if (DATE_LINE.test(f)) return true;
  return FOOTER_PHRASES.some((p) => (ONE_WORD.has(p) ? f === p : f === p || f.startsWith(`${p} `)));
}

/**
 * True when a record under the table is a totals or signature line rather than data: one of its
 * cells says so, and its code cell is empty or is that very phrase.
 */
export function isFooter(record: RawRecord, codeIndex: number | undefined): string | null {
  const code = codeIndex === undefined ? '' : normalizeCell(record.cells[codeIndex] ?? '');
  if (code !== '' && !isFooterCell(code)) return null;
  const hit = record.cells.find((c) => isFooterCell(c));
  return hit === undefined ? null : normalizeCell(hit).slice(0, 100);
}
