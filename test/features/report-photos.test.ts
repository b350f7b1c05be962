import { describe, expect, it } from 'vitest';
import { imageSize } from '../../src/features/report-photos.ts';
import { gaugePng, valveJpeg } from '../helpers/evidence.ts';

describe('the size of a photo, read from its header (to embed it in a report unstretched)', () => {
  it('reads real JPEG and PNG files, and a GIF header', () => {
    expect(imageSize(valveJpeg().data, 'image/jpeg')).toEqual({ width: 32, height: 24 });
    expect(imageSize(gaugePng().data, 'image/png')).toEqual({ width: 24, height: 24 });
    expect(imageSize(Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x40, 0x01, 0xf0, 0x00]), 'image/gif')).toEqual({ width: 320, height: 240 });
  });

  it('gives up on what it cannot read, instead of guessing', () => {
    expect(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0]), 'image/jpeg')).toBeNull();
    expect(imageSize(valveJpeg().data.subarray(0, 20), 'image/jpeg')).toBeNull();
    expect(imageSize(valveJpeg().data, 'image/webp')).toBeNull();
  });
});
