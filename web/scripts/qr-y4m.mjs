#!/usr/bin/env node
// Writes a YUV4MPEG2 video (C420jpeg) showing one QR code, for Chromium's fake camera:
//   chromium --use-fake-device-for-media-stream --use-file-for-fake-video-capture=ticket.y4m
// Usage (from web/): node scripts/qr-y4m.mjs <text> <out.y4m> [--width 640] [--height 480] [--frames 30] [--scale 8]
// Black modules on white, a quiet zone of 4 modules, centred; chroma 128 (grey). The scale shrinks when the code
// would not fit. The QR matrix comes from qrcode-generator (a dependency of the app).
import { writeFileSync } from 'node:fs';
import qrcode from 'qrcode-generator';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

/** The luma plane (W×H bytes) of a QR code of `text`. */
export function qrLuma(text, { width = 640, height = 480, scale = 8, errorCorrection = 'M' } = {}) {
  const qr = qrcode(0, errorCorrection);
  qr.addData(text, 'Byte');
  qr.make();
  const modules = qr.getModuleCount();
  const quiet = 4;
  const fit = Math.floor(Math.min(width, height) / (modules + 2 * quiet));
  const px = Math.max(1, Math.min(scale, fit));
  const size = (modules + 2 * quiet) * px;
  const x0 = Math.floor((width - size) / 2);
  const y0 = Math.floor((height - size) / 2);
  const luma = Buffer.alloc(width * height, 235); // light grey-white background
  for (let y = 0; y < size; y++) {
    const row = Math.floor(y / px) - quiet;
    for (let x = 0; x < size; x++) {
      const col = Math.floor(x / px) - quiet;
      const dark = row >= 0 && row < modules && col >= 0 && col < modules && qr.isDark(row, col);
      const yy = y0 + y;
      const xx = x0 + x;
      if (yy >= 0 && yy < height && xx >= 0 && xx < width) luma[yy * width + xx] = dark ? 16 : 235;
    }
  }
  return { luma, modules, px };
}

/** A Y4M file of `frames` identical frames. */
export function qrY4m(text, { width = 640, height = 480, frames = 30, scale = 8 } = {}) {
  const { luma } = qrLuma(text, { width, height, scale });
  const chroma = Buffer.alloc((width / 2) * (height / 2) * 2, 128);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F30:1 Ip A1:1 C420jpeg\n`, 'ascii');
  const frame = Buffer.concat([Buffer.from('FRAME\n', 'ascii'), luma, chroma]);
  return Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [text, out] = process.argv.slice(2);
  if (!text || !out) {
    console.error('usage: node scripts/qr-y4m.mjs <text> <out.y4m> [--width 640] [--height 480] [--frames 30] [--scale 8]');
    process.exit(2);
  }
  const width = arg('width', 640);
  const height = arg('height', 480);
  writeFileSync(out, qrY4m(text, { width, height, frames: arg('frames', 30), scale: arg('scale', 8) }));
  const { modules, px } = qrLuma(text, { width, height, scale: arg('scale', 8) });
  console.log(`${out}: ${width}x${height}, ${modules} modules at ${px} px`);
}
