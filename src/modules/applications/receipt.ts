import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import QRCode from 'qrcode';
import type { Formatters, Translate } from '../../platform/i18n/index.ts';
import { winAnsi, wrap } from '../../platform/pdf/text.ts';
import type { ApplicationSummary } from './reading.service.ts';

/** The public tracking page of an application: what its QR code opens. */
export function trackingUrl(publicUrl: string, trackingNumber: string): string {
  return `${publicUrl}/track/${trackingNumber}`;
}

/** The QR code as an <img> source: a data: URL is allowed by the CSP (img-src 'self' data:). */
export async function qrDataUrl(url: string): Promise<string> {
  const svg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

/**
 * The printable receipt: tracking number, service, agency, dates, and a QR code to the public
 * tracking page. No personal data, so it can be handed over or lost without harm.
 */
export async function receiptPdf(
  receipt: ApplicationSummary,
  options: { t: Translate; format: Formatters; locale: 'id' | 'en'; publicUrl: string },
): Promise<Uint8Array> {
  const { t, format, locale } = options;
  const url = trackingUrl(options.publicUrl, receipt.trackingNumber);
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${t('applications.pdf.title')} ${receipt.trackingNumber}`);
  pdf.setLanguage(locale === 'id' ? 'id-ID' : 'en-GB');
  pdf.setProducer('Loket');
  const page = pdf.addPage([595.28, 841.89]);
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const margin = 56;
  const width = page.getWidth() - 2 * margin;
  let y = page.getHeight() - margin;

  const write = (text: string, size: number, font = regular) => {
    for (const line of wrap(winAnsi(text), width, (candidate) => font.widthOfTextAtSize(candidate, size))) {
      y -= size * 1.4;
      page.drawText(line, { x: margin, y, size, font, color: rgb(0.043, 0.047, 0.047) });
    }
  };

  write(t('app.name'), 12, bold);
  write(t('applications.pdf.title'), 24, bold);
  y -= 12;
  write(t('applications.pdf.number'), 12);
  write(receipt.trackingNumber, 30, bold);
  y -= 12;
  const name = (value: { id: string; en: string }) => (locale === 'id' ? value.id : value.en);
  const rows: [string, string][] = [
    [t('applications.pdf.service'), name(receipt.serviceName)],
    [t('applications.pdf.agency'), name(receipt.agencyName)],
    ...(receipt.organisationName ? [[t('applications.pdf.organisation'), receipt.organisationName] as [string, string]] : []),
    [t('applications.pdf.submitted'), format.dateTime(receipt.submittedAt, receipt.timeZone)],
    [t('applications.pdf.channel'), t(receipt.channel === 'online' ? 'applications.channel.online' : 'applications.channel.counter')],
    [t('applications.pdf.due'), `${format.date(receipt.dueAt, receipt.timeZone)}`],
  ];
  for (const [label, value] of rows) {
    write(label, 10, bold);
    write(value, 12);
    y -= 4;
  }
  y -= 12;
  write(t('applications.pdf.track'), 11);
  write(url, 11, bold);
  const png = await pdf.embedPng(await QRCode.toBuffer(url, { type: 'png', margin: 1, width: 300, errorCorrectionLevel: 'M' }));
  const size = 150;
  y -= size + 12;
  page.drawImage(png, { x: margin, y, width: size, height: size });
  y -= 24;
  write(t('applications.pdf.footer'), 9);
  return pdf.save();
}
