import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** poppler-utils (pdftotext, pdftoppm): `npm test` installs Debian's package when missing. */
export const hasPoppler = () => spawnSync('pdftotext', ['-v']).status === 0;

/** The text of a PDF as poppler reads it, pages separated by form feeds. */
export function pdfText(pdf: Buffer, opts: { layout?: boolean; first?: number; last?: number } = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'bp-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const args = [...(opts.layout ? ['-layout'] : []), ...(opts.first ? ['-f', String(opts.first)] : []), ...(opts.last ? ['-l', String(opts.last)] : [])];
    execFileSync('pdftotext', [...args, '-enc', 'UTF-8', join(dir, 'r.pdf'), join(dir, 'r.txt')]);
    return readFileSync(join(dir, 'r.txt'), 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Number of pages, from poppler's pdfinfo. */
export function pdfPages(pdf: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'bp-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const info = execFileSync('pdfinfo', [join(dir, 'r.pdf')], { encoding: 'utf8' });
    return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Renders a page with pdftoppm: the PNG (kept at `pngPath` when given) and, to measure it, a grayscale
 * PGM of the same page. Returns the PNG and the share of pixels that are not white.
 */
export function renderPage(pdf: Buffer, page: number, pngPath?: string): { png: Buffer; inked: number; width: number; height: number } {
  const dir = mkdtempSync(join(tmpdir(), 'bp-pdf-'));
  try {
    writeFileSync(join(dir, 'r.pdf'), pdf);
    const range = ['-f', String(page), '-l', String(page), '-singlefile'];
    execFileSync('pdftoppm', [...range, '-r', '80', '-png', join(dir, 'r.pdf'), join(dir, 'page')]);
    execFileSync('pdftoppm', [...range, '-r', '40', '-gray', join(dir, 'r.pdf'), join(dir, 'gray')]);
    const png = readFileSync(join(dir, 'page.png'));
    if (pngPath) writeFileSync(pngPath, png);
    const pgm = readFileSync(join(dir, 'gray.pgm'));
    // "P5\n<w> <h>\n255\n" then one byte per pixel.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))!;
    const pixels = pgm.subarray(header[0].length);
    let dark = 0;
    for (const v of pixels) if (v < 200) dark++;
    return { png, inked: dark / pixels.length, width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
