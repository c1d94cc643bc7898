import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * DejaVu (Bitstream Vera licence: free to embed and redistribute) covers every Vietnamese letter with its
 * precomposed glyph; the condensed cut keeps tables of long names narrow. pdfkit embeds the subset used.
 */
const FONT_DIR = join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
export const FONTS = {
  regular: join(FONT_DIR, 'DejaVuSansCondensed.ttf'),
  bold: join(FONT_DIR, 'DejaVuSansCondensed-Bold.ttf'),
  italic: join(FONT_DIR, 'DejaVuSansCondensed-Oblique.ttf'),
};

export type Doc = PDFKit.PDFDocument;
export type Align = 'left' | 'center' | 'right';

export interface Column {
  header: string;
  /** Relative width: the columns share the page's width in these proportions. */
  weight: number;
  align?: Align;
}

export interface RowStyle {
  bold?: boolean;
  /** Background, e.g. to flag a row. */
  fill?: string;
}

const PAD = 3;
const BORDER = '#808080';
const HEADER_FILL = '#e6e6e6';
/** Room kept free at the bottom of each page for its footer. */
const FOOTER_ROOM = 28;

/** An A4 portrait document with the fonts registered and pages kept until the end (for page numbers). */
export function newDocument(info: { title: string; author: string }): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48 + FOOTER_ROOM, left: 50, right: 42 },
    bufferPages: true,
    info: { Title: info.title, Author: info.author, Creator: 'Bridgepoint' },
    lang: 'vi-VN',
  });
  // Not also given as the constructor's `font`: pdfkit would then never cache the registered name (same
  // PostScript name) and read and parse the font file again on every doc.font('R').
  doc.registerFont('R', FONTS.regular);
  doc.registerFont('B', FONTS.bold);
  doc.registerFont('I', FONTS.italic);
  doc.font('R').fontSize(10);
  return doc;
}

export const left = (doc: Doc) => doc.page.margins.left;
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` points still fit on this one. */
export function ensureRoom(doc: Doc, height: number) {
  if (doc.y + height > bottom(doc)) {
    doc.addPage();
    doc.y = doc.page.margins.top;
  }
}

/** A paragraph across the page's width. */
export function paragraph(doc: Doc, text: string, opts: { font?: 'R' | 'B' | 'I'; size?: number; align?: Align; gap?: number } = {}) {
  doc.font(opts.font ?? 'R').fontSize(opts.size ?? 10);
  ensureRoom(doc, doc.heightOfString(text, { width: contentWidth(doc) }));
  doc.text(text, left(doc), doc.y, { width: contentWidth(doc), align: opts.align ?? 'left' });
  doc.y += opts.gap ?? 2;
}

/**
 * A table that breaks across pages, its header repeated on each; rows are never split. Columns whose
 * headers are all empty draw no header row (a list of labels and values). `onRow` lets a long table
 * report progress.
 */
export function table(
  doc: Doc,
  columns: Column[],
  rows: string[][],
  opts: { size?: number; style?: (row: number) => RowStyle | undefined; onRow?: (row: number) => void } = {},
) {
  const size = opts.size ?? 8.5;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * contentWidth(doc));
  const xs = widths.map((_, i) => left(doc) + widths.slice(0, i).reduce((s, w) => s + w, 0));
  // Most cells fit on one line: measuring their width is much cheaper than wrapping them.
  const fits = (c: string, i: number) => !c.includes('\n') && doc.widthOfString(c) <= widths[i] - 2 * PAD;
  const heightOf = (cells: string[], font: 'R' | 'B') => {
    doc.font(font).fontSize(size);
    const line = doc.currentLineHeight(true);
    return Math.max(...cells.map((c, i) => (fits(c, i) ? line : doc.heightOfString(c, { width: widths[i] - 2 * PAD })))) + 2 * PAD;
  };
  const drawRow = (cells: string[], y: number, h: number, font: 'R' | 'B', fill?: string) => {
    if (fill) doc.rect(left(doc), y, contentWidth(doc), h).fill(fill);
    doc.lineWidth(0.5).strokeColor(BORDER);
    cells.forEach((_, i) => doc.rect(xs[i], y, widths[i], h).stroke());
    doc.fillColor('black').font(font).fontSize(size);
    cells.forEach((c, i) => {
      if (c === '') return;
      const width = widths[i] - 2 * PAD;
      if (!fits(c, i)) return doc.text(c, xs[i] + PAD, y + PAD, { width, align: columns[i].align ?? 'left' });
      const align = columns[i].align ?? 'left';
      const dx = align === 'left' ? 0 : (width - doc.widthOfString(c)) / (align === 'center' ? 2 : 1);
      doc.text(c, xs[i] + PAD + dx, y + PAD, { lineBreak: false });
    });
  };
  const headers = columns.map((c) => c.header);
  const hasHeader = headers.some((h) => h !== '');
  const headerHeight = hasHeader ? heightOf(headers, 'B') : 0;
  const drawHeader = () => {
    if (!hasHeader) return;
    const y = doc.y;
    drawRow(headers, y, headerHeight, 'B', HEADER_FILL);
    doc.y = y + headerHeight;
  };

  ensureRoom(doc, headerHeight + (rows.length ? heightOf(rows[0], 'R') : 0));
  drawHeader();
  rows.forEach((cells, r) => {
    const style = opts.style?.(r);
    const font = style?.bold ? 'B' : 'R';
    const h = heightOf(cells, font);
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      doc.y = doc.page.margins.top;
      drawHeader();
    }
    const y = doc.y;
    drawRow(cells, y, h, font, style?.fill);
    doc.y = y + h;
    opts.onRow?.(r);
  });
  doc.x = left(doc);
  doc.y += 8;
}

/** Writes each page's footer (a line of text on the left, "page n of N" on the right) once every page exists. */
export function footers(doc: Doc, leftText: string, pageText: (n: number, total: number) => string) {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const keep = doc.page.margins.bottom;
    // Writing inside the bottom margin must not open a new page.
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 48 - 12;
    doc.lineWidth(0.5).strokeColor(BORDER).moveTo(left(doc), y - 4).lineTo(left(doc) + contentWidth(doc), y - 4).stroke();
    doc.fillColor('#404040').font('R').fontSize(7.5);
    doc.text(ellipsize(doc, leftText, contentWidth(doc) * 0.8), left(doc), y, { lineBreak: false });
    doc.text(pageText(i - range.start + 1, range.count), left(doc), y, { width: contentWidth(doc), align: 'right', lineBreak: false });
    doc.page.margins.bottom = keep;
  }
  doc.fillColor('black');
}

/** The text cut to one line of `width` points (in the current font), ending with "…" when cut. */
function ellipsize(doc: Doc, text: string, width: number): string {
  if (doc.widthOfString(text) <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (doc.widthOfString(`${text.slice(0, mid)}…`) <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo).trimEnd()}…`;
}

/** Collects the document's bytes. */
export function finish(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
