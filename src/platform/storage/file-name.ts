import { EXTENSIONS, type MediaType } from './media-type.ts';

export const MAX_NAME_LENGTH = 120;

// C0 and C1 controls, and the bidirectional overrides that make "gpj.exe" display as "exe.jpg".
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A client's file name made safe to show and to offer again on download. Names are only ever
 * displayed, never used on disk, but they still arrive as paths (`C:\scan\ktp.pdf`,
 * `../../etc/passwd.pdf`), with control characters or without end. Keeps the last path segment, drops
 * control and direction characters, cuts to 120 characters (keeping the extension), and makes the
 * extension match the detected type so that the download opens in the right program.
 */
export function sanitizeFileName(raw: string, mediaType: MediaType): string {
  const lastSegment = raw.normalize('NFC').replace(/\\/g, '/').split('/').pop() ?? '';
  // Line breaks and tabs separate words: they become spaces; other controls go.
  let name = lastSegment.replace(/\s+/g, ' ').replace(UNSAFE_CHARACTERS, '').trim();
  // Leading dots would make a hidden file of it on the applicant's or the officer's machine.
  name = name.replace(/^\.+/, '').trim();
  const lower = name.toLowerCase();
  const matching = EXTENSIONS[mediaType].find((ext) => lower.endsWith(ext) && lower.length > ext.length);
  const extension = matching ? name.slice(-matching.length) : (EXTENSIONS[mediaType][0] ?? '');
  const base = (matching ? name.slice(0, -matching.length) : name).trim() || 'file';
  const room = MAX_NAME_LENGTH - extension.length;
  return `${[...base].slice(0, room).join('').trimEnd()}${extension}`;
}

/** RFC 8187 value characters: everything else is percent-encoded. */
function encodeRfc8187(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * A `content-disposition` that always downloads (never renders in the site's origin), with the
 * sanitized name in UTF-8 and a plain-ASCII fallback for old clients.
 */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}
