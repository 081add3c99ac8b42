import { describe, expect, it } from 'vitest';
import { declaredImageSize, isImageTooLarge, MAX_IMAGE_PIXELS } from './image-dimensions.ts';

function png(width: number, height: number): Buffer {
  const head = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(head);
  head.writeUInt32BE(13, 8);
  head.write('IHDR', 12, 'latin1');
  head.writeUInt32BE(width, 16);
  head.writeUInt32BE(height, 20);
  return head;
}

function jpeg(width: number, height: number, { exifBytes = 0, frameMarker = 0xc0 } = {}): Buffer {
  const app1 = Buffer.alloc(4 + exifBytes);
  app1.set([0xff, 0xe1]);
  app1.writeUInt16BE(2 + exifBytes, 2);
  const sof = Buffer.from([0xff, frameMarker, 0x00, 0x11, 0x08, 0, 0, 0, 0, 0x03]);
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app1, sof]);
}

describe('declaredImageSize', () => {
  it('reads a PNG header', () => {
    expect(declaredImageSize(png(1920, 1080), 'image/png')).toEqual({ width: 1920, height: 1080 });
    expect(declaredImageSize(png(1920, 1080).subarray(0, 20), 'image/png')).toBeUndefined();
  });

  it('finds a JPEG frame header after other segments, baseline or progressive', () => {
    expect(declaredImageSize(jpeg(4000, 3000, { exifBytes: 5000 }), 'image/jpeg')).toEqual({ width: 4000, height: 3000 });
    expect(declaredImageSize(jpeg(640, 480, { frameMarker: 0xc2 }), 'image/jpeg')).toEqual({ width: 640, height: 480 });
    // A huffman table (C4) is not a frame header.
    expect(declaredImageSize(jpeg(640, 480, { frameMarker: 0xc4 }), 'image/jpeg')).toBeUndefined();
  });

  it('says nothing about a PDF', () => {
    expect(declaredImageSize(Buffer.from('%PDF-1.7'), 'application/pdf')).toBeUndefined();
  });
});

describe('isImageTooLarge', () => {
  it('refuses pixel floods and empty images, takes camera photos and unknown sizes', () => {
    expect(isImageTooLarge({ width: 100_000, height: 100_000 })).toBe(true);
    expect(isImageTooLarge({ width: 0, height: 100 })).toBe(true);
    expect(isImageTooLarge({ width: 8_000, height: 6_000 })).toBe(false);
    expect(isImageTooLarge({ width: MAX_IMAGE_PIXELS, height: 1 })).toBe(false);
    expect(isImageTooLarge({ width: MAX_IMAGE_PIXELS + 1, height: 1 })).toBe(true);
    expect(isImageTooLarge(undefined)).toBe(false);
  });
});
