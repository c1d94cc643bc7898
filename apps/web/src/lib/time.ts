/**
 * Conferences run on Hanoi time. Inputs and displays use Asia/Ho_Chi_Minh whatever the
 * browser's own zone is, so an organizer abroad sees the times the bridge points see.
 * Vietnam has no daylight saving time: the offset is always +07:00.
 */
export const EVENT_TIME_ZONE = 'Asia/Ho_Chi_Minh';
const EVENT_OFFSET = '+07:00';

function parts(iso: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', {
    timeZone: EVENT_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const out: Record<string, string> = {};
  for (const part of format.formatToParts(new Date(iso))) out[part.type] = part.value;
  return out;
}

/** ISO instant → "YYYY-MM-DDTHH:mm" in Hanoi time, for `<input type="datetime-local">`. */
export function isoToLocalInput(iso: string | null | undefined): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return '';
  const p = parts(iso);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** "YYYY-MM-DDTHH:mm" in Hanoi time → ISO instant; empty or invalid → null. */
export function localInputToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const date = new Date(`${value}:00${EVENT_OFFSET}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function addMinutesToLocalInput(value: string, minutes: number): string {
  const iso = localInputToIso(value);
  if (!iso) return '';
  return isoToLocalInput(new Date(Date.parse(iso) + minutes * 60_000).toISOString());
}

function intlLocale(language: string): string {
  return language.startsWith('vi') ? 'vi-VN' : 'en-GB';
}

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), {
    timeZone: EVENT_TIME_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export function formatTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: EVENT_TIME_ZONE, timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** "08:00 – 11:30, 15 thg 12, 2025" when start and end share a day, else two full date-times. */
export function formatSchedule(startsAt: string, endsAt: string | null, language: string): string {
  if (!endsAt) return formatDateTime(startsAt, language);
  const sameDay = isoToLocalInput(startsAt).slice(0, 10) === isoToLocalInput(endsAt).slice(0, 10);
  if (!sameDay) return `${formatDateTime(startsAt, language)} – ${formatDateTime(endsAt, language)}`;
  const day = new Intl.DateTimeFormat(intlLocale(language), { timeZone: EVENT_TIME_ZONE, dateStyle: 'medium' }).format(
    new Date(startsAt),
  );
  return `${formatTime(startsAt, language)} – ${formatTime(endsAt, language)}, ${day}`;
}

export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(intlLocale(language)).format(value);
}

export function formatDuration(ms: number, language: string): string {
  const seconds = ms / 1000;
  return `${new Intl.NumberFormat(intlLocale(language), { maximumFractionDigits: seconds < 10 ? 1 : 0 }).format(seconds)} s`;
}

/** "10:32:05" in Hanoi time: when live numbers were last updated. */
export function formatClock(iso: string, language: string): string {
  return new Intl.DateTimeFormat(intlLocale(language), { timeZone: EVENT_TIME_ZONE, timeStyle: 'medium' }).format(
    new Date(iso),
  );
}

export function formatPercent(part: number, whole: number, language: string): string {
  const ratio = whole > 0 ? part / whole : 0;
  return new Intl.NumberFormat(intlLocale(language), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** "850 byte", "12,3 kB", "4,1 MB" in the reader's number style. */
export function formatBytes(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return new Intl.NumberFormat(intlLocale(language), {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}
