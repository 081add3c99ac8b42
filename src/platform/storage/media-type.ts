/** The file types Loket accepts, as the form schema names them (FileField.accept). */
export const MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

const SIGNATURES: readonly { type: MediaType; magic: Buffer }[] = [
  { type: 'application/pdf', magic: Buffer.from('%PDF-', 'latin1') },
  { type: 'image/jpeg', magic: Buffer.from([0xff, 0xd8, 0xff]) },
  { type: 'image/png', magic: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
];

/** How many leading bytes `sniffMediaType` needs to decide (fewer only when the file is shorter). */
export const SNIFF_BYTES = Math.max(...SIGNATURES.map((s) => s.magic.length));

/**
 * The type of a file from its first bytes. The declared content type and the name's extension come
 * from the client and are never trusted: a program renamed "ktp.pdf" is still a program.
 */
export function sniffMediaType(head: Buffer): MediaType | undefined {
  return SIGNATURES.find(({ magic }) => head.length >= magic.length && head.subarray(0, magic.length).equals(magic))?.type;
}

export const EXTENSIONS: Readonly<Record<MediaType, readonly string[]>> = {
  'application/pdf': ['.pdf'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'image/png': ['.png'],
};

/** Short names for messages: PDF, JPG, PNG. */
export function mediaTypeLabel(type: MediaType): string {
  return (EXTENSIONS[type][0] ?? '').slice(1).toUpperCase();
}
