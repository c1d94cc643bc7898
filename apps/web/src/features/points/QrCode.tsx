import QRCode from 'qrcode';
import { memo, useMemo } from 'react';

const QUIET_ZONE = 4;

/** Dark modules as one SVG path, row runs merged: crisp at any print size, cheap for hundreds of cards. */
function qrPath(text: string): { path: string; size: number } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  let path = '';
  for (let row = 0; row < n; row += 1) {
    let col = 0;
    while (col < n) {
      if (!modules.data[row * n + col]) {
        col += 1;
        continue;
      }
      const start = col;
      while (col < n && modules.data[row * n + col]) col += 1;
      path += `M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`;
    }
  }
  return { path, size: n + QUIET_ZONE * 2 };
}

interface Props {
  text: string;
  label: string;
  className?: string;
}

export const QrCode = memo(function QrCode({ text, label, className }: Props) {
  const { path, size } = useMemo(() => qrPath(text), [text]);
  return (
    <svg className={className} viewBox={`0 0 ${size} ${size}`} role="img" aria-label={label} shapeRendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
});
