import { describe, expect, it } from 'vitest';
import { attachmentDisposition, MAX_NAME_LENGTH, sanitizeFileName } from './file-name.ts';

describe('file names', () => {
  it.each([
    ['../../etc/passwd.pdf', 'passwd.pdf'],
    ['C:\\x\\y.pdf', 'y.pdf'],
    ['/var/www/../ktp.pdf', 'ktp.pdf'],
    ['KTP Siti Rahayu.pdf', 'KTP Siti Rahayu.pdf'],
    ['ktp\u0000.pdf', 'ktp.pdf'],
    ['scan\r\nSet-Cookie: x.pdf', 'scan Set-Cookie: x.pdf'],
    ['\u202egpj.pdf', 'gpj.pdf'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['..', 'file.pdf'],
    ['', 'file.pdf'],
    ['LAPORAN.PDF', 'LAPORAN.PDF'],
  ])('keeps only a displayable last segment of %j', (raw, expected) => {
    expect(sanitizeFileName(raw, 'application/pdf')).toBe(expected);
  });

  it('gives the name the extension of the detected type', () => {
    expect(sanitizeFileName('foto.pdf', 'image/png')).toBe('foto.pdf.png');
    expect(sanitizeFileName('foto.jpeg', 'image/jpeg')).toBe('foto.jpeg');
    expect(sanitizeFileName('foto', 'image/jpeg')).toBe('foto.jpg');
  });

  it('cuts long names to 120 characters and keeps the extension', () => {
    const name = sanitizeFileName(`${'surat keterangan '.repeat(20)}.pdf`, 'application/pdf');
    expect([...name].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
    expect([...sanitizeFileName(`${'🙂'.repeat(200)}.png`, 'image/png')].length).toBe(MAX_NAME_LENGTH);
  });

  it('offers the name for download in UTF-8 with an ASCII fallback that cannot break the header', () => {
    const header = attachmentDisposition('Akta "Budi" – ñ.pdf');
    expect(header).toBe(`attachment; filename="Akta _Budi_ _ _.pdf"; filename*=UTF-8''Akta%20%22Budi%22%20%E2%80%93%20%C3%B1.pdf`);
    expect(attachmentDisposition("it's (1).pdf")).toContain("filename*=UTF-8''it%27s%20%281%29.pdf");
  });
});
