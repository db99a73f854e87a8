import qrcode from 'qrcode-generator';
import { useMemo } from 'preact/hooks';

const QUIET_ZONE = 4;

/** One SVG path (a square per dark module, merged per row run) for text, error correction M. */
export function qrPath(text: string): { size: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const count = qr.getModuleCount();
  const parts: string[] = [];
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.isDark(row, col)) col++;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${col - start}v1h${start - col}z`);
    }
  }
  return { size: count + 2 * QUIET_ZONE, d: parts.join('') };
}

/**
 * A ticket's QR code drawn client-side from its token, as an <svg> built through the DOM (Preact's
 * createElementNS): no innerHTML, no inline style, nothing fetched.
 */
export function QrCode({ text, label, testId }: { text: string; label: string; testId?: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  return (
    <svg
      class="qr"
      data-testid={testId}
      viewBox={`0 0 ${size} ${size}`}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
