import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A cell of a Gnumeric sheet: text, a number, a number with a format ("0000"), or empty. */
export type OfficeCell = string | number | { number: number; format: string } | null;

export interface OfficeSheet {
  name: string;
  rows: OfficeCell[][];
  /** Merged ranges, e.g. "C1:D1". */
  merges?: string[];
}

/** Why office files cannot be written here, or null when ssconvert (Debian's gnumeric) is installed. */
export function officeUnavailable(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v ssconvert'], { encoding: 'utf8' }).stdout.trim();
  return found ? null : 'ssconvert (Debian package gnumeric) is not installed and could not be installed by npm test';
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The sheets as Gnumeric XML: the format ssconvert reads, with typed cells, number formats and merges. */
export function gnumericXml(sheets: OfficeSheet[]): string {
  const body = sheets.map((sheet) => {
    const cells: string[] = [];
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null || cell === '') return;
        if (typeof cell === 'string') cells.push(`<gnm:Cell Row="${r}" Col="${c}" ValueType="60">${escape(cell)}</gnm:Cell>`);
        else if (typeof cell === 'number') cells.push(`<gnm:Cell Row="${r}" Col="${c}" ValueType="40">${cell}</gnm:Cell>`);
        else cells.push(`<gnm:Cell Row="${r}" Col="${c}" ValueType="40" ValueFormat="${escape(cell.format)}">${cell.number}</gnm:Cell>`);
      }),
    );
    const width = Math.max(1, ...sheet.rows.map((r) => r.length));
    const merges = (sheet.merges ?? []).map((m) => `<gnm:Merge>${m}</gnm:Merge>`).join('');
    return `<gnm:Sheet><gnm:Name>${escape(sheet.name)}</gnm:Name><gnm:MaxCol>${width - 1}</gnm:MaxCol><gnm:MaxRow>${sheet.rows.length - 1}</gnm:MaxRow>
<gnm:Cells>${cells.join('\n')}</gnm:Cells><gnm:MergedRegions>${merges}</gnm:MergedRegions></gnm:Sheet>`;
  });
  const names = sheets.map((s) => `<gnm:SheetName>${escape(s.name)}</gnm:SheetName>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<gnm:Workbook xmlns:gnm="http://www.gnumeric.org/v10.dtd"><gnm:SheetNameIndex>${names}</gnm:SheetNameIndex><gnm:Sheets>${body.join('\n')}</gnm:Sheets></gnm:Workbook>`;
}

/** Converts a Gnumeric XML or CSV source with ssconvert, as an office suite would save it. */
export function ssconvert(source: string, sourceExt: 'gnumeric' | 'csv', target: 'xlsx' | 'xls' | 'ods'): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'bp-office-'));
  try {
    const from = join(dir, `in.${sourceExt}`);
    const to = join(dir, `out.${target}`);
    writeFileSync(from, source, 'utf8');
    execFileSync('ssconvert', [from, to], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
    return readFileSync(to);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
