import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { type Locale, type MessageKey, translator } from '../../platform/i18n/index.ts';
import { winAnsi, wrap } from '../../platform/pdf/text.ts';
import type { PersonalDataExport } from './export.service.ts';

const PAGE_SIZE: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const INK = rgb(0.043, 0.047, 0.047);

const iso = (value: Date | string | null | undefined) => (value instanceof Date ? value.toISOString().replace('T', ' ').slice(0, 16) : (value ?? '-'));

/** Answers as "field: value" lines; nested values (lists, groups) as compact JSON. */
function answerLines(answers: unknown): string[] {
  if (answers === null || typeof answers !== 'object') return [];
  return Object.entries(answers as Record<string, unknown>).map(([field, value]) => `${field}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
}

/**
 * The person's copy for reading and printing, in their language: account, sessions, organisations,
 * applications (answers, timeline, documents, payment), complaints, requests and the processing record.
 * The JSON copy is the complete one; the PDF says so.
 */
export async function exportPdf(data: PersonalDataExport, reference: string, locale: Locale): Promise<Uint8Array> {
  const t = translator(locale);
  const pdf = await PDFDocument.create();
  pdf.setTitle(`${t('privacy.pdf.title')} ${reference}`);
  pdf.setLanguage(locale === 'id' ? 'id-ID' : 'en-GB');
  pdf.setProducer('Loket');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  let page: PDFPage = pdf.addPage(PAGE_SIZE);
  const width = page.getWidth() - 2 * MARGIN;
  let y = page.getHeight() - MARGIN;

  const room = (height: number) => {
    if (y - height >= MARGIN) return;
    page = pdf.addPage(PAGE_SIZE);
    y = page.getHeight() - MARGIN;
  };
  const write = (text: string, size = 10, font: PDFFont = regular, indent = 0) => {
    for (const line of wrap(winAnsi(text), width - indent, (candidate) => font.widthOfTextAtSize(candidate, size))) {
      room(size * 1.4);
      y -= size * 1.4;
      page.drawText(line, { x: MARGIN + indent, y, size, font, color: INK });
    }
  };
  const heading = (key: MessageKey) => {
    y -= 10;
    room(40);
    write(t(key), 14, bold);
  };
  const field = (label: string, value: string | null | undefined) => write(`${label}: ${value ?? '-'}`, 10, regular, 10);
  const noneIfEmpty = (items: readonly unknown[]) => {
    if (items.length === 0) write(t('privacy.pdf.none'), 10, regular, 10);
  };

  write(t('privacy.pdf.title'), 20, bold);
  write(t('privacy.pdf.generated', { date: iso(data.generatedAt), reference }), 10);
  write(t('privacy.pdf.machine'), 10);

  heading('privacy.pdf.section.account');
  field(t('account.name'), data.account.fullName);
  field(t('account.nik'), data.account.nik);
  field(t('account.birthDate'), data.account.birthDate);
  field(t('account.email'), data.account.email);
  field(t('account.phone'), data.account.phone);
  field('ID', data.account.id);

  heading('privacy.pdf.section.sessions');
  noneIfEmpty(data.sessions);
  for (const session of data.sessions)
    write(`${iso(session.createdAt)} - ${iso(session.lastSeenAt)}  ${session.kind}  ${session.userAgent ?? ''}`, 9, regular, 10);

  heading('privacy.pdf.section.organisations');
  noneIfEmpty(data.organisations);
  for (const organisation of data.organisations) write(`${organisation.name} (${organisation.nibMasked}), ${organisation.role}`, 10, regular, 10);

  heading('privacy.pdf.section.applications');
  noneIfEmpty(data.applications);
  for (const application of data.applications) {
    room(60);
    write(`${application.trackingNumber} - ${locale === 'id' ? application.service.name.id : application.service.name.en}`, 11, bold, 10);
    field(t('privacy.requests.status'), application.status);
    field(t('privacy.requests.received'), iso(application.submittedAt));
    for (const line of answerLines(application.answers)) write(line, 9, regular, 20);
    for (const entry of application.timeline) write(`${iso(entry.at)}  ${entry.kind}${entry.message ? `: ${entry.message}` : ''}`, 9, regular, 20);
    for (const document of application.documents) write(`${document.number}  ${document.title}  ${iso(document.issuedAt)}`, 9, regular, 20);
    if (application.payment) write(`${application.payment.billingCode}  Rp${application.payment.amount}  ${application.payment.status}`, 9, regular, 20);
  }

  heading('privacy.pdf.section.complaints');
  noneIfEmpty(data.complaints);
  for (const complaint of data.complaints) {
    room(60);
    write(`${complaint.trackingId} - ${complaint.title}`, 11, bold, 10);
    write(complaint.description, 9, regular, 20);
    field(t('privacy.requests.status'), complaint.status);
  }

  heading('privacy.pdf.section.requests');
  noneIfEmpty(data.privacyRequests);
  for (const request of data.privacyRequests) {
    write(`${request.reference}  ${t(`privacy.kind.${request.kind}`)}  ${t(`privacy.status.${request.status}`)}  ${iso(request.createdAt)}`, 9, regular, 10);
  }

  heading('privacy.pdf.section.accesses');
  noneIfEmpty(data.dataAccesses);
  for (const access of data.dataAccesses) {
    const agency = access.agency ? (locale === 'id' ? access.agency.name.id : access.agency.name.en) : '-';
    const purpose = locale === 'id' ? access.purpose.label.id : access.purpose.label.en;
    write(`${iso(access.accessedAt)}  ${agency} (${access.actorRole})  ${purpose}  ${access.caseReference}`, 9, regular, 10);
  }

  heading('privacy.pdf.section.trail');
  noneIfEmpty(data.processingTrail);
  for (const entry of data.processingTrail) {
    const by = entry.by === 'you' ? t('privacy.pdf.byYou') : `${entry.by.role}${entry.by.agencyId ? ` @ ${entry.by.agencyId}` : ''}`;
    write(`${iso(entry.at)}  ${entry.action}  ${entry.subject ? `${entry.subject.type}` : ''}  (${by})`, 8, regular, 10);
  }
  return pdf.save();
}
