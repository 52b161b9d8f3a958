/**
 * Draws the toolbar icons (a padlock with a question mark cut-out feel: a lock on an amber tile)
 * into public/icons/ as PNGs, anti-aliased by 4×4 supersampling. Run: npx tsx scripts/make-icons.ts
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type RGBA = [number, number, number, number];
const TILE: RGBA = [180, 83, 9, 255]; // amber-700
const LOCK: RGBA = [255, 255, 255, 255];
const CLEAR: RGBA = [0, 0, 0, 0];

/** Colour at a point of the unit square (0..1). */
function shade(x: number, y: number): RGBA {
  const r = 0.18; // tile corner radius
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return CLEAR;
  // Lock body.
  const inBody = x > 0.24 && x < 0.76 && y > 0.46 && y < 0.84;
  // Shackle: a ring segment above the body.
  const d = Math.hypot(x - 0.5, y - 0.46);
  const inShackle = y < 0.48 && d > 0.13 && d < 0.22;
  // Keyhole.
  const inHole = Math.hypot(x - 0.5, y - 0.6) < 0.055 || (Math.abs(x - 0.5) < 0.025 && y > 0.6 && y < 0.74);
  if ((inBody && !inHole) || inShackle) return LOCK;
  return TILE;
}

function crc32(bytes: Uint8Array): number {
  let crc = -1;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

function png(size: number): Buffer {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0; // filter: none
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const c = shade((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      const offset = py * (size * 4 + 1) + 1 + px * 4;
      const alpha = sum[3]!;
      for (let i = 0; i < 3; i++) raw[offset + i] = alpha ? Math.round(sum[i]! / alpha) : 0;
      raw[offset + 3] = Math.round(alpha / (samples * samples));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

mkdirSync('public/icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icons/icon-${size}.png`, png(size));
console.log('wrote public/icons/icon-{16,32,48,128}.png');
