import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCardRenderer, type CardRenderer } from '../../src/cards/card-renderer.ts';

/** One renderer for a test file; the font subsets are built once per machine, in the temp folder. */
export function testCardRenderer(): CardRenderer {
  return createCardRenderer({ fontCacheDir: join(tmpdir(), 'hz-test-card-fonts') });
}

/** A PNG's width and height, from its IHDR chunk. */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (!png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
