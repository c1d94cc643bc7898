import { useState, type ReactNode } from 'react';

/** Screens at least this wide show every section open; narrower ones (phones) start with them closed. */
export const WIDE_QUERY = '(min-width: 720px)';

function wideScreen(): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(WIDE_QUERY).matches;
}

interface Props {
  title: ReactNode;
  /** Shown beside the title, open or closed (a status, a count). */
  aside?: ReactNode;
  testId: string;
  className?: string;
  children: ReactNode;
}

/**
 * A card that folds to its title: closed on a phone at first, open on a wide screen. Its content stays
 * mounted while closed (the broadcast keeps playing, the camera keeps sending).
 */
export function Section({ title, aside, testId, className, children }: Props) {
  const [open, setOpen] = useState(wideScreen);
  return (
    <details
      className={`card operator-section ${className ?? ''}`}
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid={testId}
      data-state={open ? 'open' : 'closed'}
    >
      <summary className="operator-section-summary" data-testid={`${testId}-toggle`}>
        <span className="operator-section-title">{title}</span>
        {aside}
      </summary>
      <div className="operator-section-body">{children}</div>
    </details>
  );
}
