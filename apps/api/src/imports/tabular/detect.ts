import { ErrorCode } from '@bridgepoint/contracts';
import { TabularError, type TabularFormat } from './tabular.types';

const SAVE_AS_HINT = 'Save it as an Excel workbook (.xlsx, .xls), an OpenDocument sheet (.ods) or "CSV UTF-8" and upload again.';
/** Bytes inspected when deciding whether a file is text. */
const SNIFF_BYTES = 8192;

const startsWith = (buf: Buffer, bytes: readonly number[]): boolean =>
  buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Well-known binary formats, named so the message can say what was uploaded. */
const BINARY_SIGNATURES: ReadonlyArray<{ name: string; bytes: readonly number[] }> = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

function notATable(what: string): TabularError {
  return new TabularError(ErrorCode.ImportNotATable, `The file is ${what}, not a table. ${SAVE_AS_HINT}`);
}

/**
 * Decides how to read an upload from its content; the file name only shapes messages.
 * Throws TabularError for empty files and binary files that are no spreadsheet.
 */
export function detectFormat(buf: Buffer, filename?: string): TabularFormat {
  if (buf.length === 0) throw new TabularError(ErrorCode.ImportNotATable, `The file is empty. ${SAVE_AS_HINT}`);
  if (startsWith(buf, ZIP)) {
    // An OpenDocument file starts with an uncompressed "mimetype" entry naming its kind.
    const head = buf.subarray(0, 200).toString('latin1');
    if (head.includes('application/vnd.oasis.opendocument.spreadsheet')) return 'ods';
    if (head.includes('application/vnd.oasis.opendocument')) throw notATable('an OpenDocument file that is not a spreadsheet');
    return 'xlsx';
  }
  if (startsWith(buf, OLE2)) return 'xls';
  if (startsWith(buf, UTF8_BOM) || startsWith(buf, UTF16LE_BOM) || startsWith(buf, UTF16BE_BOM)) return 'csv';
  const signature = BINARY_SIGNATURES.find((s) => startsWith(buf, s.bytes));
  if (signature) throw notATable(signature.name);
  if (looksBinary(buf.subarray(0, SNIFF_BYTES))) {
    const named = filename ? `"${filename}" is` : 'The file is';
    throw new TabularError(ErrorCode.ImportNotATable, `${named} a binary file, not a table. ${SAVE_AS_HINT}`);
  }
  return 'csv';
}

/**
 * Many NUL bytes or control characters mean binary content. A stray one is a bad cell, reported
 * on its row: one NUL must not refuse a whole file.
 */
function looksBinary(head: Buffer): boolean {
  let control = 0;
  for (const b of head) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > Math.max(2, head.length / 100);
}

/**
 * Decodes CSV bytes: UTF-8 with or without BOM, UTF-16 with BOM. Anything else (Windows-1258,
 * Windows-1252, TCVN3…) is refused rather than guessed, because a wrong guess corrupts names.
 */
export function decodeText(buf: Buffer): string {
  if (startsWith(buf, UTF16LE_BOM)) return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (startsWith(buf, UTF16BE_BOM)) {
    const body = buf.subarray(2, 2 + ((buf.length - 2) & ~1));
    const swapped = Buffer.from(body).swap16();
    return new TextDecoder('utf-16le').decode(swapped);
  }
  const body = startsWith(buf, UTF8_BOM) ? buf.subarray(3) : buf;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new TabularError(
      ErrorCode.ImportTextEncoding,
      'The text file is not UTF-8 (it looks like Windows-1258 or another old encoding), so Vietnamese letters would be garbled. ' +
        'In Excel use "Save As" → "CSV UTF-8 (Comma delimited) (*.csv)" or "Unicode Text", or upload the workbook itself.',
    );
  }
}
