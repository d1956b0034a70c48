#!/usr/bin/env node
// Draws the Locdesk icon procedurally and writes every format the installers need, with nothing but Node:
//   build/icon.png (1024), build/icons/<size>x<size>.png (Linux), build/icon.ico (Windows), build/icon.icns (macOS).
// Run it again after changing the drawing: `node build/scripts/make-icons.mjs`. The outputs are committed so a
// packaging run never depends on an image tool.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const buildFolder = join(import.meta.dirname, '..');

const crcTable = Array.from({ length: 256 }, (_, index) => {
  let value = index;
  for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
  return value >>> 0;
});

function crc32(buffer) {
  let crc = 0xffffffff;
  for (const byte of buffer) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels as a PNG (8-bit, colour type 6, no interlace). */
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y += 1) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cornerX = x < left + radius ? left + radius : x > right - radius ? right - radius : x;
  const cornerY = y < top + radius ? top + radius : y > bottom - radius ? bottom - radius : y;
  return (x - cornerX) ** 2 + (y - cornerY) ** 2 <= radius ** 2;
}

/** The design, in unit coordinates (0..1): a blue tile, a white speech bubble, and two "text lines" in it. */
function sample(x, y) {
  if (!insideRoundedRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  const shade = 0.85 + 0.15 * (1 - y);
  const tile = [Math.round(37 * shade), Math.round(99 * shade), Math.round(235 * shade)];
  const bubble = insideRoundedRect(x, y, 0.2, 0.24, 0.8, 0.68, 0.09);
  const tail = y >= 0.66 && y <= 0.8 && x >= 0.3 && x <= 0.3 + (0.8 - y) * 1.0;
  if (!bubble && !tail) return tile;
  const lineOne = insideRoundedRect(x, y, 0.3, 0.36, 0.7, 0.41, 0.025);
  const lineTwo = insideRoundedRect(x, y, 0.3, 0.5, 0.58, 0.55, 0.025);
  return lineOne || lineTwo ? [249, 115, 22] : [255, 255, 255];
}

/** Renders the icon at `size` pixels with 4x4 supersampling for smooth edges. */
function render(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const grid = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let red = 0;
      let green = 0;
      let blue = 0;
      let covered = 0;
      for (let sy = 0; sy < grid; sy += 1) {
        for (let sx = 0; sx < grid; sx += 1) {
          const colour = sample((px + (sx + 0.5) / grid) / size, (py + (sy + 0.5) / grid) / size);
          if (colour === null) continue;
          red += colour[0];
          green += colour[1];
          blue += colour[2];
          covered += 1;
        }
      }
      const offset = (py * size + px) * 4;
      if (covered > 0) pixels.set([Math.round(red / covered), Math.round(green / covered), Math.round(blue / covered), Math.round((255 * covered) / grid ** 2)], offset);
    }
  }
  return encodePng(size, pixels);
}

/** An .ico whose entries are PNGs (supported since Windows Vista). */
function encodeIco(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const entries = images.map(({ size, png }) => {
    const entry = Buffer.alloc(16);
    entry.writeUInt8(size >= 256 ? 0 : size, 0);
    entry.writeUInt8(size >= 256 ? 0 : size, 1);
    entry.writeUInt16LE(1, 4);
    entry.writeUInt16LE(32, 6);
    entry.writeUInt32LE(png.length, 8);
    entry.writeUInt32LE(offset, 12);
    offset += png.length;
    return entry;
  });
  return Buffer.concat([header, ...entries, ...images.map(({ png }) => png)]);
}

/** An .icns with PNG payloads (ic07..ic10 = 128..1024 px, plus the @2x variants macOS looks for). */
function encodeIcns(images) {
  const types = { 16: 'icp4', 32: 'icp5', 64: 'icp6', 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const blocks = images
    .filter(({ size }) => types[size] !== undefined)
    .map(({ size, png }) => {
      const head = Buffer.alloc(8);
      head.write(types[size], 0, 'ascii');
      head.writeUInt32BE(png.length + 8, 4);
      return Buffer.concat([head, png]);
    });
  const body = Buffer.concat(blocks);
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'ascii');
  head.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([head, body]);
}

const sizes = [16, 32, 48, 64, 128, 256, 512, 1024];
const images = sizes.map((size) => ({ size, png: render(size) }));
mkdirSync(join(buildFolder, 'icons'), { recursive: true });
for (const { size, png } of images) if (size <= 512) writeFileSync(join(buildFolder, 'icons', `${size}x${size}.png`), png);
writeFileSync(join(buildFolder, 'icon.png'), images.find(({ size }) => size === 1024).png);
writeFileSync(join(buildFolder, 'icon.ico'), encodeIco(images.filter(({ size }) => [16, 32, 48, 64, 128, 256].includes(size))));
writeFileSync(join(buildFolder, 'icon.icns'), encodeIcns(images));
process.stdout.write(`Wrote build/icon.png, build/icon.ico, build/icon.icns and ${sizes.length - 1} PNGs in build/icons/\n`);
