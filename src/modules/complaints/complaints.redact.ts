// What the public sees of a report's text: whatever the reporter or an official typed, with the
// personal data people most often paste into it masked. Not a guarantee (a name cannot be recognised
// reliably), but the numbers and addresses that identify someone at once never reach the public.

/** 16 digits in a row, allowing spaces, dots or dashes between groups: NIK and KK numbers. */
const NIK_LIKE = /(?<!\d)\d(?:[ .-]?\d){15}(?!\d)/g;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Indonesian phone numbers: +62 / 62 / 0, then 8–13 digits with optional separators. */
const PHONE = /(?<![\d+])(?:\+62|62|0)[ .-]?\(?\d{2,4}\)?(?:[ .-]?\d){6,10}(?!\d)/g;

export const MASK = {
  nik: '[NIK disamarkan]',
  email: '[surel disamarkan]',
  phone: '[telepon disamarkan]',
} as const;

/** The text with NIK-like numbers, e-mail addresses and phone numbers replaced by markers. */
export function redact(text: string): string {
  return text.replace(EMAIL, MASK.email).replace(NIK_LIKE, MASK.nik).replace(PHONE, MASK.phone);
}

export function redactOptional(text: string | null): string | null {
  return text === null ? null : redact(text);
}
