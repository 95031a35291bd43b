// Writes the PWA icons and favicon.ico as PNGs with no image tool installed:
// a blue tile with a white car silhouette. Run once; the output is committed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const BLUE = [0x1c, 0x4f, 0x9c];
const WHITE = [0xff, 0xff, 0xff];

function crc32(buffer) {
  let crc = -1;
  for (const byte of buffer) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ -1) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Pixel colour at (x, y) in a unit square: car body, wheels, background. */
function pixel(u, v, safeZone) {
  const s = safeZone ? 0.62 : 0.8; // maskable icons keep the art in the inner circle
  const x = (u - 0.5) / s + 0.5;
  const y = (v - 0.5) / s + 0.5;
  const inWheel = (cx) => (x - cx) ** 2 + (y - 0.7) ** 2 < 0.09 ** 2;
  const inWheelHub = (cx) => (x - cx) ** 2 + (y - 0.7) ** 2 < 0.045 ** 2;
  if (inWheelHub(0.32) || inWheelHub(0.68)) return BLUE;
  if (inWheel(0.32) || inWheel(0.68)) return WHITE;
  const roof = y > 0.3 && y < 0.46 && x > 0.28 + (0.46 - y) * 0.5 && x < 0.72 - (0.46 - y) * 0.5;
  const body = y >= 0.46 && y < 0.68 && x > 0.14 && x < 0.86;
  return roof || body ? WHITE : BLUE;
}

function png(size, safeZone = false) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++)
      row.set(pixel((x + 0.5) / size, (y + 0.5) / size, safeZone), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function ico(pngData, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(1, 4);
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10);
  header.writeUInt16LE(32, 12);
  header.writeUInt32LE(pngData.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, pngData]);
}

mkdirSync('public/icons', { recursive: true });
writeFileSync('public/icons/icon-192.png', png(192));
writeFileSync('public/icons/icon-512.png', png(512));
writeFileSync('public/icons/icon-maskable-512.png', png(512, true));
writeFileSync('public/favicon.ico', ico(png(48), 48));
console.log('icons written to public/');
