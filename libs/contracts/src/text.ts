/**
 * Text helpers shared by the importer and the browser's search boxes.
 * Pure string functions: no Node or DOM APIs.
 */

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** `\s` covers tabs, line breaks, non-breaking and other Unicode spaces. */
const WHITESPACE = /\s+/g;
/** Anything normalizeCell would change besides NFC; most cells have none of it. */
const NEEDS_CLEANING = /^\s|\s$|\s\s|[^\S ]|[\u200b-\u200d\u2060\u00ad]/;

/**
 * Folds text for comparison: lowercase, Vietnamese diacritics removed (đ and the look-alike ð → d),
 * every run of punctuation or spaces turned into one space, trimmed.
 * "Nguyễn Văn Ánh", "NGUYEN VAN ANH" and "nguyen-van_anh" fold to "nguyen van anh".
 * Works on NFC and NFD input alike.
 */
export function foldText(s: string): string {
  return s
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .toLowerCase()
    .replace(/[đð]/g, 'd')
    .replace(NON_ALPHANUMERIC, ' ')
    .trim();
}

/**
 * Cleans one spreadsheet cell: NFC, invisible characters dropped, every run of whitespace
 * (non-breaking spaces and line breaks included) collapsed to one space, trimmed.
 */
export function normalizeCell(s: string): string {
  const nfc = s.normalize('NFC');
  return NEEDS_CLEANING.test(nfc) ? nfc.replace(INVISIBLE, '').replace(WHITESPACE, ' ').trim() : nfc;
}
