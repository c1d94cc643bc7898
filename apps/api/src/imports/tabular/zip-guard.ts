import { inflateRawSync } from 'node:zlib';
import { ErrorCode } from '@bridgepoint/contracts';
import { TabularError } from './tabular.types';

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const EOCD_MIN = 22;
/** The end record may be followed by a comment of up to 64 KB. */
const EOCD_SEARCH = EOCD_MIN + 0xffff;
const STORED = 0;
const DEFLATE = 8;

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

const mb = (n: number) => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function broken(): TabularError {
  return new TabularError(
    ErrorCode.ImportNotATable,
    'The file could not be opened as a workbook (its zip structure is damaged). Open it in the spreadsheet program, save it again and upload it.',
  );
}

/** Reads the zip central directory without inflating anything. */
export function readZipDirectory(buf: Buffer): ZipEntry[] {
  const from = Math.max(0, buf.length - EOCD_SEARCH);
  let eocd = -1;
  for (let i = buf.length - EOCD_MIN; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw broken();
  if (eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR_SIGNATURE) {
    // Spreadsheets of a few MB never need ZIP64; its 8-byte sizes are how bombs declare terabytes.
    throw new TabularError(ErrorCode.ImportUncompressedTooLarge, 'The workbook uses ZIP64, meant for archives over 4 GB: it is not a spreadsheet this server reads.');
  }
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  if (offset + size > eocd) throw broken();
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL_SIGNATURE) throw broken();
    const nameLength = buf.readUInt16LE(offset + 28);
    const extraLength = buf.readUInt16LE(offset + 30);
    const commentLength = buf.readUInt16LE(offset + 32);
    entries.push({
      method: buf.readUInt16LE(offset + 10),
      compressedSize: buf.readUInt32LE(offset + 20),
      uncompressedSize: buf.readUInt32LE(offset + 24),
      localOffset: buf.readUInt32LE(offset + 42),
      name: buf.toString('utf8', offset + 46, offset + 46 + nameLength),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * Refuses a zip (XLSX, ODS) whose entries would inflate beyond `maxBytes`, first from the sizes its
 * directory declares (nothing inflated), then by inflating each entry with its declared size as a hard
 * ceiling, so a directory that lies cannot make the reader allocate more than was checked.
 */
export function guardZip(buf: Buffer, maxBytes: number): ZipEntry[] {
  const entries = readZipDirectory(buf);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > maxBytes) {
    throw new TabularError(
      ErrorCode.ImportUncompressedTooLarge,
      `The workbook would unpack to ${mb(declared)}, more than the ${mb(maxBytes)} allowed. ` +
        'A list of points or delegates is far smaller: remove pictures and other sheets, or save the list alone as CSV UTF-8.',
      { uncompressedBytes: declared, maxUncompressedBytes: maxBytes },
    );
  }
  for (const entry of entries) verifyEntry(buf, entry);
  return entries;
}

function verifyEntry(buf: Buffer, e: ZipEntry): void {
  const at = e.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL_SIGNATURE) throw broken();
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const data = buf.subarray(start, start + e.compressedSize);
  if (data.length < e.compressedSize) throw broken();
  if (e.method === STORED) {
    if (e.compressedSize !== e.uncompressedSize) throw broken();
    return;
  }
  if (e.method !== DEFLATE) throw broken();
  try {
    // One byte more than declared: an entry that inflates past its declared size is caught, not followed.
    const out = inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize + 1) });
    if (out.length !== e.uncompressedSize) throw new RangeError('size');
  } catch (err) {
    // Compared by name and code: errors from Node's zlib may come from another realm (vm contexts).
    const { name, code } = err as { name?: string; code?: string };
    if (name === 'RangeError' || code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TabularError(
        ErrorCode.ImportUncompressedTooLarge,
        `The workbook's entry "${e.name.slice(0, 100)}" unpacks to more than its directory declares: the file is damaged or crafted, and was not read.`,
      );
    }
    throw broken();
  }
}
