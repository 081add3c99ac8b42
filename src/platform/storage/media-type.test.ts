import { describe, expect, it } from 'vitest';
import { sniffMediaType } from './media-type.ts';
import { EXE, JPEG, PNG, pdfBytes } from './storage.test-support.ts';

describe('media type detection', () => {
  it('recognises PDF, JPEG and PNG by their first bytes', () => {
    expect(sniffMediaType(pdfBytes())).toBe('application/pdf');
    expect(sniffMediaType(JPEG)).toBe('image/jpeg');
    expect(sniffMediaType(PNG)).toBe('image/png');
  });

  it('recognises nothing else, however the file is named', () => {
    expect(sniffMediaType(EXE)).toBeUndefined();
    expect(sniffMediaType(Buffer.from('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffMediaType(Buffer.from(' %PDF-1.4'))).toBeUndefined();
  });

  it('needs the whole signature: a cut-off PNG header is not a PNG', () => {
    expect(sniffMediaType(PNG.subarray(0, 7))).toBeUndefined();
    expect(sniffMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});
