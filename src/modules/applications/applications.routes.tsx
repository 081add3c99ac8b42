import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor as actorOf, formText, requestOrigin } from '../../platform/http/request-input.ts';
import { sendFile } from '../../platform/storage/storage.download.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import { receiveUploads } from '../../platform/storage/storage.uploads.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { IssuingService } from '../documents/issuing.service.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { SurveysService } from '../surveys/surveys.contract.ts';
import type { ApplicationsService } from './applications.service.ts';
import type { DraftsService } from './drafts.service.ts';
import { qrDataUrl, receiptPdf, trackingUrl } from './receipt.ts';
import { parseTrackingNumber } from './tracking-number.ts';
import { ApplicationPage } from './views/application-page.tsx';
import { MyApplicationsPage } from './views/my-applications-page.tsx';
import { ReceiptPage } from './views/receipt-page.tsx';
import { TrackPage, TrackResultPage } from './views/track-page.tsx';

const SIGNED_IN = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
// Tracking numbers are not guessable, but a public lookup still gets its own, tighter limit.
const TRACK = { config: { access: 'public' as const, rateLimit: { max: 30, timeWindow: 60 * 1000 } }, schema: { hide: true } };
const INFORMATION_UPLOAD = { accept: ['application/pdf', 'image/jpeg', 'image/png'] as const, maxBytesPerFile: 10 * 1024 * 1024, maxFiles: 5 };

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

export interface ApplicationRoutesOptions {
  applications: ApplicationsService;
  drafts: Pick<DraftsService, 'regionOptions'>;
  accounts: Pick<AccountsService, 'profile'>;
  storage: Pick<FileStorage, 'openFile'>;
  publicUrl: string;
  payments: Pick<PaymentsService, 'billFor'>;
  issuing: Pick<IssuingService, 'documentsOf'>;
  paymentSandbox: boolean;
  /** The satisfaction survey's invitation on a completed application's page. */
  surveys?: Pick<SurveysService, 'pendingSurveyLink'>;
}

/** The applicant's pages (my applications, one application, receipt, downloads) and public tracking. */
export function applicationRoutes({
  applications,
  drafts,
  accounts,
  storage,
  publicUrl,
  payments,
  issuing,
  paymentSandbox,
  surveys,
}: ApplicationRoutesOptions) {
  async function showApplication(
    request: FastifyRequest<{ Params: { number: string } }>,
    reply: FastifyReply,
    status = 200,
    errors: readonly FieldError[] = [],
    values?: { reason: string; message: string },
  ) {
    const application = await applications.getForApplicant(actorOf(request), request.params.number);
    // Only after getForApplicant has checked that the reader may see this application.
    const [bill, documents, surveyHref] = await Promise.all([
      payments.billFor(application.id),
      issuing.documentsOf(application.trackingNumber),
      application.status === 'issued' ? surveys?.pendingSurveyLink('application', application.trackingNumber) : undefined,
    ]);
    const done = formText(request.query, 'done', 20);
    const notice = done === 'withdrawn' || done === 'provided' ? done : undefined;
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(
        <ApplicationPage
          ctx={page(request, reply)}
          application={application}
          regions={await drafts.regionOptions()}
          notice={status === 200 ? notice : undefined}
          errors={errors}
          {...(values ? { values } : {})}
          bill={bill}
          paymentSandbox={paymentSandbox}
          documents={documents}
          surveyHref={surveyHref}
        />,
      );
  }

  return async (app: FastifyInstance) => {
    app.get('/applications', SIGNED_IN, async (request, reply) => {
      const actor = actorOf(request);
      const [mine, claimable, profile] = await Promise.all([applications.listMine(actor), applications.listClaimable(actor), accounts.profile(actor)]);
      const claimed = parseTrackingNumber(formText(request.query, 'claimed', 20));
      return reply
        .header('cache-control', 'no-store')
        .html(
          <MyApplicationsPage
            ctx={page(request, reply)}
            applications={mine}
            claimable={claimable}
            claimed={claimed}
            contactVerified={profile.emailVerified || profile.phoneVerified}
          />,
        );
    });

    app.get<{ Params: { number: string } }>('/applications/:number', SIGNED_IN, async (request, reply) => showApplication(request, reply));

    app.post<{ Params: { number: string } }>('/applications/:number/withdraw', SIGNED_IN, async (request, reply) => {
      const reason = formText(request.body, 'reason', 2000).trim();
      if (reason === '') {
        const message = request.t('applications.error.reasonRequired');
        return showApplication(request, reply, 400, [{ field: 'reason', message }], { reason, message: '' });
      }
      await applications.withdraw(actorOf(request), request.params.number, reason, requestOrigin(request));
      return reply.redirect(`/applications/${encodeURIComponent(request.params.number)}?done=withdrawn`, 303);
    });

    app.post<{ Params: { number: string } }>(
      '/applications/:number/information',
      { ...SIGNED_IN, config: { ...SIGNED_IN.config, uploads: true } },
      async (request, reply) => {
        const actor = actorOf(request);
        // Refuse another person's application before storing any of the files sent to it.
        await applications.getForApplicant(actor, request.params.number);
        const received = await receiveUploads(request, { ...INFORMATION_UPLOAD, ownerAccountId: actor.accountId });
        const message = formText(received.fields, 'message', 2000);
        if (!received.ok) {
          const text = request.t(received.problem.key, received.problem.params);
          return showApplication(request, reply, received.problem.status, [{ field: 'files', message: text }], { reason: '', message });
        }
        if (message.trim() === '' && received.files.length === 0) {
          return showApplication(request, reply, 400, [{ field: 'message', message: request.t('applications.detail.provide.empty') }], { reason: '', message });
        }
        await applications.provideInformation(
          actor,
          request.params.number,
          message,
          received.files.map((file) => file.id),
          requestOrigin(request),
        );
        return reply.redirect(`/applications/${encodeURIComponent(request.params.number)}?done=provided`, 303);
      },
    );

    app.post<{ Params: { number: string } }>('/applications/:number/claim', SIGNED_IN, async (request, reply) => {
      await applications.claim(actorOf(request), request.params.number, requestOrigin(request));
      const number = parseTrackingNumber(request.params.number) ?? '';
      return reply.redirect(`/applications?claimed=${number}`, 303);
    });

    app.get<{ Params: { number: string; fileId: string } }>('/applications/:number/files/:fileId', SIGNED_IN, async (request, reply) => {
      const fileId = await applications.authorizeDownload(actorOf(request), request.params.number, request.params.fileId, requestOrigin(request));
      return sendFile(reply, await storage.openFile(fileId));
    });

    app.get<{ Params: { number: string } }>('/applications/:number/receipt', SIGNED_IN, async (request, reply) => {
      const actor = actorOf(request);
      const receipt = await applications.receiptFor(actor, request.params.number);
      const counter = actor.kind === 'staff' ? { linked: receipt.applicantAccountId !== null } : undefined;
      return reply.html(
        <ReceiptPage
          ctx={page(request, reply)}
          receipt={receipt}
          qrDataUrl={await qrDataUrl(trackingUrl(publicUrl, receipt.trackingNumber))}
          pdfHref={`/applications/${receipt.trackingNumber}/receipt.pdf`}
          counter={counter}
        />,
      );
    });

    app.get<{ Params: { number: string } }>('/applications/:number/receipt.pdf', SIGNED_IN, async (request, reply) => {
      const receipt = await applications.receiptFor(actorOf(request), request.params.number);
      const pdf = await receiptPdf(receipt, { t: request.t, format: request.format, locale: request.locale, publicUrl });
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="tanda-terima-${receipt.trackingNumber}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    });

    app.get('/track', TRACK, async (request, reply) => {
      const typed = formText(request.query, 'number', 60);
      if (typed === '') return reply.html(<TrackPage ctx={page(request, reply)} value="" />);
      const number = parseTrackingNumber(typed);
      if (!number) return reply.code(400).html(<TrackPage ctx={page(request, reply)} value={typed} error={request.t('applications.track.invalid')} />);
      return reply.redirect(`/track/${number}`, 303);
    });

    app.get<{ Params: { number: string } }>('/track/:number', TRACK, async (request, reply) => {
      const status = await applications.publicStatus(request.params.number);
      if (!status) {
        const ctx = page(request, reply);
        return reply.code(404).html(<TrackPage ctx={ctx} value={request.params.number.slice(0, 60)} error={ctx.t('applications.track.notFound')} />);
      }
      if (status.trackingNumber !== request.params.number) return reply.redirect(`/track/${status.trackingNumber}`, 301);
      return reply.header('cache-control', 'no-store').html(<TrackResultPage ctx={page(request, reply)} status={status} />);
    });
  };
}
