export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="currentColor" />
      <path d="M6 21c4-9 16-9 20 0" fill="none" stroke="#fff" strokeWidth="3" strokeLinecap="round" />
      <circle cx="6" cy="22" r="3" fill="#f2b134" />
      <circle cx="26" cy="22" r="3" fill="#f2b134" />
      <circle cx="16" cy="13" r="3" fill="#fff" />
    </svg>
  );
}
