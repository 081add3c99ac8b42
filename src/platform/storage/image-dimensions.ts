import type { MediaType } from './media-type.ts';

// Loket never decodes an uploaded image, but the officer's browser or viewer does: a small PNG or
// JPEG that declares 100 000 × 100 000 pixels would make it allocate tens of gigabytes (a pixel
// flood, the image form of a decompression bomb). The declared size sits in the first bytes, so it is
// checked on upload, before anything is stored.

/** Largest image accepted: 50 megapixels (a 200 MB bitmap once decoded), above any phone camera's default. */
export const MAX_IMAGE_PIXELS = 50_000_000;

/** How far into the file the declared size is looked for (a JPEG's EXIF block comes before it). */
export const IMAGE_HEADER_BYTES = 64 * 1024;

export interface ImageSize {
  width: number;
  height: number;
}

/** JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic): C0–CF but DHT, JPG and DAC. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function jpegSize(head: Buffer): ImageSize | undefined {
  let offset = 2;
  while (offset + 4 <= head.length) {
    if (head[offset] !== 0xff) return undefined;
    const marker = head[offset + 1] as number;
    // Fill bytes and markers without a length (RSTn, TEM) carry no segment.
    if (marker === 0xff) {
      offset += 1;
      continue;
    }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    const length = head.readUInt16BE(offset + 2);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > head.length) return undefined;
      return { height: head.readUInt16BE(offset + 5), width: head.readUInt16BE(offset + 7) };
    }
    if (marker === 0xda || length < 2) return undefined;
    offset += 2 + length;
  }
  return undefined;
}

/**
 * The size an image declares in its header, when it is within `head`; undefined for a PDF, or when
 * the header lies further in (then the file is taken: its bytes are still limited by the size rule).
 */
export function declaredImageSize(head: Buffer, mediaType: MediaType): ImageSize | undefined {
  if (mediaType === 'image/png') {
    // Signature (8), then the IHDR chunk: length (4), type (4), width (4), height (4).
    if (head.length < 24 || head.toString('latin1', 12, 16) !== 'IHDR') return undefined;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  }
  if (mediaType === 'image/jpeg') return jpegSize(head);
  return undefined;
}

/** True when the image declares more pixels than Loket lets anyone's viewer decode (or no pixels at all). */
export function isImageTooLarge(size: ImageSize | undefined): boolean {
  if (!size) return false;
  return size.width === 0 || size.height === 0 || size.width * size.height > MAX_IMAGE_PIXELS;
}
