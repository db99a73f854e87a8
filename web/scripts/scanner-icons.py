#!/usr/bin/env python3
"""Draws the scanner's PWA icons (public/icons/icon-192.png, icon-512.png): a violet square with a white
QR-like mark (three finder patterns and a few modules). Full-bleed, so they also work as maskable icons.
Run from web/: python3 scripts/scanner-icons.py"""
import struct
import zlib
from pathlib import Path

BRAND = (0x5B, 0x21, 0xB6)
WHITE = (0xFF, 0xFF, 0xFF)

# A 21x21 module grid (QR version 1 size); 1 = white module on the violet background.
N = 21
grid = [[0] * N for _ in range(N)]

def finder(r0, c0):
    for r in range(7):
        for c in range(7):
            ring = r in (0, 6) or c in (0, 6)
            core = 2 <= r <= 4 and 2 <= c <= 4
            grid[r0 + r][c0 + c] = 1 if ring or core else 0

finder(0, 0)
finder(0, N - 7)
finder(N - 7, 0)
# A fixed scatter of data-like modules (not a real code: just the look of one).
for r, c in [(8, 8), (8, 10), (9, 9), (9, 12), (10, 8), (10, 11), (11, 10), (11, 13), (12, 9), (12, 12),
             (13, 14), (14, 13), (14, 16), (15, 15), (16, 14), (16, 17), (17, 16), (18, 18), (19, 15), (20, 17),
             (8, 15), (9, 17), (10, 19), (12, 16), (13, 18), (15, 9), (16, 11), (17, 8), (18, 10), (19, 12),
             (20, 9), (18, 13), (14, 10), (8, 19), (11, 17), (20, 20), (15, 19), (17, 20)]:
    grid[r][c] = 1

def png(size: int) -> bytes:
    # The mark covers the central 60 % (safe zone of maskable icons is 80 %).
    mark = int(size * 0.6)
    module = mark / N
    offset = (size - mark) / 2
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        gy = int((y - offset) // module) if offset <= y < offset + mark else -1
        for x in range(size):
            gx = int((x - offset) // module) if offset <= x < offset + mark else -1
            white = 0 <= gy < N and 0 <= gx < N and grid[gy][gx]
            row.extend(WHITE if white else BRAND)
        rows.append(bytes(row))
    raw = b''.join(rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')

out = Path(__file__).resolve().parent.parent / 'public' / 'icons'
out.mkdir(parents=True, exist_ok=True)
for size in (192, 512):
    (out / f'icon-{size}.png').write_bytes(png(size))
    print(out / f'icon-{size}.png')
