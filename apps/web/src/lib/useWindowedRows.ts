import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

/** Rows kept in the page above and below the visible ones, so fast scrolling shows no blank. */
const OVERSCAN = 12;
/** Rows drawn before anything is measured: a screenful on any display. */
const FIRST_DRAW = 40;

export interface WindowedRows {
  start: number;
  end: number;
  /** Heights of the spacers standing for the rows not drawn above and below. */
  padTop: number;
  padBottom: number;
}

/**
 * Draws only the rows of a long list that are in the window (the page scrolls, not a box inside it):
 * 9,000 points cost what a screenful does. Row height is measured from the drawn rows (a table on a wide
 * screen, cards on a phone), so the spacers keep the scroll bar true.
 */
export function useWindowedRows(
  count: number,
  estimate: number,
): [bodyRef: React.RefObject<HTMLTableSectionElement | null>, rows: WindowedRows] {
  // The ref goes on the list's body (a `tbody`): its rows are measured and its position read.
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [rowHeight, setRowHeight] = useState(estimate);
  const [range, setRange] = useState({ start: 0, end: Math.min(count, FIRST_DRAW) });

  const update = useCallback(() => {
    const body = bodyRef.current;
    if (!body) return;
    const h = rowHeight;
    const top = body.getBoundingClientRect().top;
    const from = Math.max(0, -top);
    const to = from + window.innerHeight + Math.max(0, top);
    const start = Math.max(0, Math.min(count, Math.floor(from / h)) - OVERSCAN);
    const end = Math.min(count, Math.ceil(to / h) + OVERSCAN);
    setRange((r) => (r.start === start && r.end === end ? r : { start, end }));
  }, [count, rowHeight]);

  // Learn the real row height from what is drawn; a change of more than a tenth redraws the window.
  useLayoutEffect(() => {
    const body = bodyRef.current;
    if (!body) return;
    const rows = [...body.children].filter((el) => !(el as HTMLElement).dataset.spacer) as HTMLElement[];
    if (rows.length === 0) return;
    const measured = rows.reduce((sum, el) => sum + el.getBoundingClientRect().height, 0) / rows.length;
    if (measured > 0 && Math.abs(measured - rowHeight) / rowHeight > 0.1) setRowHeight(measured);
  }, [rowHeight, range, count]);

  useEffect(() => {
    update();
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(update);
    };
    window.addEventListener('scroll', onChange, { passive: true });
    window.addEventListener('resize', onChange);
    return () => {
      window.removeEventListener('scroll', onChange);
      window.removeEventListener('resize', onChange);
      cancelAnimationFrame(frame);
    };
  }, [update]);

  const start = Math.min(range.start, count);
  const end = Math.min(Math.max(range.end, Math.min(count, FIRST_DRAW)), count);
  return [bodyRef, { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight }];
}
