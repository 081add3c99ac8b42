import { describe, expect, it } from 'vitest';
import { MASK, redact } from './complaints.redact.ts';

describe('redact', () => {
  it('masks NIK-like numbers, with or without separators', () => {
    expect(redact('NIK saya 3273011708900001 tolong dicek')).toBe(`NIK saya ${MASK.nik} tolong dicek`);
    expect(redact('KK 3273-0117-0890-0001.')).toBe(`KK ${MASK.nik}.`);
    expect(redact('3273 0117 0890 0001')).toBe(MASK.nik);
  });

  it('masks e-mail addresses', () => {
    expect(redact('hubungi rina.marlina@contoh.co.id ya')).toBe(`hubungi ${MASK.email} ya`);
  });

  it('masks Indonesian phone numbers in their usual spellings', () => {
    expect(redact('telp 081234567890')).toBe(`telp ${MASK.phone}`);
    expect(redact('WA +62 812-3456-7890 sore')).toBe(`WA ${MASK.phone} sore`);
    expect(redact('kantor 022 4231234')).toBe(`kantor ${MASK.phone}`);
    expect(redact('hubungi 0812 3456 789')).toBe(`hubungi ${MASK.phone}`);
  });

  it('leaves ordinary text, dates, amounts and short numbers alone', () => {
    const text = 'Jalan berlubang di Jl. Dago No. 12 sejak 17-08-2025, biaya Rp 150.000, RT 003 RW 005.';
    expect(redact(text)).toBe(text);
  });
});
