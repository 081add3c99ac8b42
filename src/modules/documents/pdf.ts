import { PDFDocument, type PDFFont, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import { type MessageKey, translator } from '../../platform/i18n/index.ts';
import { winAnsi, wrap } from '../../platform/pdf/text.ts';

export interface DocumentPdfInput {
  number: string;
  title: { id: string; en: string };
  agency: { nameId: string; nameEn: string; address: string | null };
  trackingNumber: string;
  /** The holder's name in full: the PDF is the applicant's own copy. */
  holder: string;
  /** ISO dates. */
  issued: string;
  validUntil: string | null;
  /** Label and text of each printed answer, Indonesian and English labels already joined. */
  answers: readonly { label: string; value: string }[];
  /** What the QR code encodes: the verification page with the signed payload. */
  verifyUrl: string;
  /** The verification page without a payload, printed for those who type the number. */
  verifyPageUrl: string;
}

const tId = translator('id');
const tEn = translator('en');
/** Official documents are in Indonesian; the English label follows for readers abroad. */
const both = (key: MessageKey, params?: Record<string, string>) => `${tId(key, params)} / ${tEn(key, params)}`;

/**
 * The issued document: agency letterhead, title, number, holder and printed answers, validity, and a
 * QR code that carries the signature to the public verification page.
 */
export async function documentPdf(input: DocumentPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${input.title.id} ${input.number}`);
  pdf.setLanguage('id-ID');
  pdf.setProducer('Loket');
  pdf.setAuthor(input.agency.nameId);
  // A fixed date keeps the bytes a function of the content (pdf-lib stamps "now" otherwise).
  const stamp = new Date(`${input.issued}T00:00:00Z`);
  pdf.setCreationDate(stamp);
  pdf.setModificationDate(stamp);
  const PAGE_SIZE: [number, number] = [595.28, 841.89];
  let page = pdf.addPage(PAGE_SIZE);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;
  const ink = rgb(0.043, 0.047, 0.047);

  // A template with many answers runs on to another page rather than off the bottom of the first.
  const room = (height: number) => {
    if (y - height >= margin) return;
    page = pdf.addPage(PAGE_SIZE);
    y = page.getHeight() - margin;
  };
  const write = (text: string, size: number, font: PDFFont = regular, indent = 0) => {
    for (const line of wrap(winAnsi(text), width - indent, (candidate) => font.widthOfTextAtSize(candidate, size))) {
      room(size * 1.4);
      y -= size * 1.4;
      page.drawText(line, { x: margin + indent, y, size, font, color: ink });
    }
  };

  // Letterhead.
  write(input.agency.nameId, 16, bold);
  write(input.agency.nameEn, 11);
  if (input.agency.address) write(input.agency.address, 10);
  y -= 8;
  page.drawLine({ start: { x: margin, y }, end: { x: margin + width, y }, thickness: 1.5, color: ink });
  y -= 24;

  write(input.title.id, 20, bold);
  if (input.title.en !== input.title.id) write(input.title.en, 12);
  y -= 12;
  const rows: [string, string][] = [
    [both('documents.pdf.number'), input.number],
    [both('documents.pdf.holder'), input.holder],
    ...input.answers.map((answer) => [answer.label, answer.value] as [string, string]),
    [both('documents.pdf.application'), input.trackingNumber],
    [both('documents.pdf.issued'), input.issued],
    [both('documents.pdf.validUntil'), input.validUntil ?? both('documents.pdf.noExpiry')],
  ];
  for (const [label, value] of rows) {
    room(40);
    write(label, 9, bold);
    write(value, 12);
    y -= 4;
  }

  y -= 12;
  const png = await pdf.embedPng(await QRCode.toBuffer(input.verifyUrl, { type: 'png', margin: 1, width: 400, errorCorrectionLevel: 'M' }));
  const size = 160;
  room(size + 60);
  y -= size;
  page.drawImage(png, { x: margin, y, width: size, height: size });
  y -= 8;
  write(tId('documents.pdf.signed', { agency: input.agency.nameId }), 9, bold);
  write(tId('documents.pdf.verify', { url: input.verifyPageUrl }), 9);
  write(tEn('documents.pdf.verify', { url: input.verifyPageUrl }), 9);
  return pdf.save();
}
