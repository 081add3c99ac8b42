import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList, type SummaryListRow } from '../../../platform/ui/components/summary-list.tsx';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { IssuedDocumentSummary, IssuedDocumentView, Verification, VerificationStatus } from '../issuing.service.ts';
import type { DocumentFields } from '../signing.ts';

/** An ISO day as the reader's language writes it (noon WIB: the same date in every Indonesian zone). */
function day(ctx: PageContext, iso: string): string {
  const date = new Date(`${iso}T12:00:00+07:00`);
  return Number.isNaN(date.getTime()) ? iso : ctx.format.date(date);
}

const COLOUR: Record<VerificationStatus, TagColour> = { valid: 'green', expired: 'yellow', revoked: 'red', invalid: 'red', not_found: 'grey' };

/** Only the minimum signed fields, each under a label in the reader's language. */
function fieldRows(ctx: PageContext, fields: DocumentFields): SummaryListRow[] {
  const { t } = ctx;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const rows: SummaryListRow[] = [
    { key: t('documents.pdf.number'), value: fields.number },
    { key: t('documents.verify.kind'), value: text(fields.kind) },
    { key: t('documents.verify.agency'), value: text(fields.agencyName) || text(fields.agency) },
    { key: t('documents.pdf.holder'), value: text(fields.holder) },
  ];
  if (typeof fields.issued === 'string') rows.push({ key: t('documents.pdf.issued'), value: day(ctx, fields.issued) });
  rows.push({
    key: t('documents.pdf.validUntil'),
    value: typeof fields.validUntil === 'string' ? day(ctx, fields.validUntil) : t('documents.pdf.noExpiry'),
  });
  return rows;
}

function explanation(ctx: PageContext, result: Verification): string {
  const { t } = ctx;
  if (result.status === 'invalid') return t(`documents.verify.reason.${result.reason ?? 'malformed'}` as 'documents.verify.reason.malformed');
  if (result.status === 'not_found' && result.reason === 'not_registered') return t('documents.verify.explain.not_registered');
  return t(`documents.verify.explain.${result.status}`);
}

export interface VerifyPageProps {
  ctx: PageContext;
  /** What was typed or scanned, shown again in the form. */
  value: string;
  error?: string | undefined;
  result?: Verification | undefined;
}

/** The public verification page: the form, and the result of a check when there is one. */
export function VerifyPage({ ctx, value, error, result }: VerifyPageProps) {
  const { t } = ctx;
  const title = result ? t('documents.verify.resultTitle') : t('documents.verify.title');
  return (
    <Layout ctx={ctx} title={title}>
      <ErrorSummary ctx={ctx} errors={error ? [{ field: 'q', message: error }] : []} />
      {result ? (
        <>
          <h1>{title}</h1>
          <p class="lead" id="verification-status">
            <Tag text={t(`documents.verify.status.${result.status}`)} colour={COLOUR[result.status]} />
          </p>
          <p>{explanation(ctx, result)}</p>
          {result.status === 'revoked' ? (
            <SummaryList
              rows={[
                { key: t('documents.verify.revokedAt'), value: result.revokedAt ? ctx.format.dateTime(result.revokedAt) : '' },
                { key: t('documents.verify.revocationReason'), value: result.revocationReason ?? '' },
              ]}
            />
          ) : null}
          {result.fields ? (
            <>
              <h2>{t('documents.verify.certifies')}</h2>
              <SummaryList rows={fieldRows(ctx, result.fields)} />
              <p class="hint">{t('documents.verify.privacy')}</p>
            </>
          ) : null}
          <h2>{t('documents.verify.again')}</h2>
        </>
      ) : (
        <>
          <h1>{title}</h1>
          <p class="lead">{t('documents.verify.lead')}</p>
        </>
      )}
      <form method="get" action="/verify" novalidate>
        <TextInput
          ctx={ctx}
          id="q"
          label={t('documents.verify.label')}
          hint={t('documents.verify.hint')}
          value={result ? '' : value}
          error={error}
          autocomplete="off"
        />
        <Button>{t('documents.verify.button')}</Button>
      </form>
    </Layout>
  );
}

export interface DocumentsSectionProps {
  ctx: PageContext;
  /** From IssuingService.documentsOf(trackingNumber), newest first; the section renders nothing when empty. */
  documents: readonly IssuedDocumentSummary[];
}

/** The applicant's issued documents on their application page, with download links; revoked ones marked. */
export function DocumentsSection({ ctx, documents }: DocumentsSectionProps) {
  const { t } = ctx;
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="documents-title">
      <h2 id="documents-title">{t('documents.section.title')}</h2>
      <ul class="list">
        {documents.map((document) => (
          <li key={document.id}>
            <p>
              <strong>{document.title}</strong>{' '}
              <Tag text={t(document.revokedAt ? 'documents.section.revoked' : 'documents.section.valid')} colour={document.revokedAt ? 'red' : 'green'} />
            </p>
            <p>
              {t('documents.section.issuedOn', { date: ctx.format.date(document.issuedAt) })}
              {document.validUntil ? ` · ${t('documents.pdf.validUntil')}: ${day(ctx, document.validUntil)}` : ''}
            </p>
            {document.revokedAt ? (
              <p>
                {t('documents.verify.revocationReason')}: {document.revocationReason}
              </p>
            ) : null}
            <p>
              <a href={document.href} download>
                {t('documents.section.download', { number: document.number })}
              </a>{' '}
              · <a href={document.verifyHref}>{t('documents.section.verify')}</a>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export interface RevokeFormProps {
  ctx: PageContext;
  documentId: string;
  /** The reason as typed, after a refusal. */
  value?: string;
  error?: string | undefined;
}

/** The revoke form (document.revoke): posts to /backoffice/documents/:id/revoke. */
export function RevokeForm({ ctx, documentId, value = '', error }: RevokeFormProps) {
  const { t } = ctx;
  return (
    <form method="post" action={`/backoffice/documents/${documentId}/revoke`} novalidate>
      <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
      <h2>{t('documents.backoffice.revokeTitle')}</h2>
      <p>{t('documents.backoffice.revokeLead')}</p>
      <Textarea
        ctx={ctx}
        id="reason"
        label={t('documents.backoffice.reason')}
        hint={t('documents.backoffice.reasonHint')}
        value={value}
        error={error}
        rows={3}
      />
      <Button variant="warning">{t('documents.backoffice.revoke')}</Button>
    </form>
  );
}

export interface DocumentPageProps {
  ctx: PageContext;
  document: IssuedDocumentView;
  notice?: 'revoked' | 'already_revoked' | undefined;
  value?: string;
  error?: string | undefined;
}

/** A document in the back office: what it certifies, its state, and the revoke form while in force. */
export function DocumentPage({ ctx, document, notice, value, error }: DocumentPageProps) {
  const { t } = ctx;
  const title = t('documents.backoffice.title', { number: document.number });
  return (
    <Layout ctx={ctx} title={title} wide>
      <ErrorSummary ctx={ctx} errors={error ? [{ field: 'reason', message: error }] : []} />
      {notice ? (
        <NotificationBanner ctx={ctx} type={notice === 'revoked' ? 'success' : 'important'}>
          <p>{t(notice === 'revoked' ? 'documents.backoffice.revoked' : 'documents.backoffice.alreadyRevoked')}</p>
        </NotificationBanner>
      ) : null}
      <h1>{title}</h1>
      <SummaryList
        rows={[
          { key: t('documents.backoffice.application'), value: document.trackingNumber },
          {
            key: t('documents.backoffice.status'),
            value: <Tag text={t(document.revokedAt ? 'documents.section.revoked' : 'documents.section.valid')} colour={document.revokedAt ? 'red' : 'green'} />,
          },
          ...(document.revokedAt
            ? [
                { key: t('documents.verify.revokedAt'), value: ctx.format.dateTime(document.revokedAt) },
                { key: t('documents.verify.revocationReason'), value: document.revocationReason ?? '' },
              ]
            : []),
          ...fieldRows(ctx, document.fields),
        ]}
      />
      <p>
        <a href={document.verifyHref}>{t('documents.section.verify')}</a>
      </p>
      {document.revokedAt ? null : <RevokeForm ctx={ctx} documentId={document.id} value={value ?? ''} error={error} />}
    </Layout>
  );
}
