import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authErrors } from '../../platform/auth/errors.ts';
import { pageContext } from '../../platform/http/request-context.ts';
import { signedInActor as actorOf, formText, requestOrigin } from '../../platform/http/request-input.ts';
import { sendFile } from '../../platform/storage/storage.download.ts';
import { storageErrors } from '../../platform/storage/storage.errors.ts';
import { receiveUploads } from '../../platform/storage/storage.uploads.ts';
import { CSS_HREF } from '../../platform/ui/assets.ts';
import type { FieldError } from '../../platform/ui/components/error-summary.tsx';
import type { ComplaintRefusal, FileComplaintInput, ReporterAccess, ReporterAction } from './complaints.contract.ts';
import type { ComplaintsRoutesOptions } from './complaints.plugin.ts';
import type { ComplaintKind, ComplaintStatus } from './complaints.tables.ts';
import { FiledPage, FilingPage, type FilingValues, type RegionChoices } from './views/file-pages.tsx';
import { KINDS, PublicListPage, PublicReportPage, ReportNotFoundPage, STATUSES } from './views/public-pages.tsx';
import { FollowHelpPage, MyComplaintsPage, ReporterReportPage } from './views/reporter-pages.tsx';

const PUBLIC = { config: { access: 'public' as const }, schema: { hide: true } };
const SIGNED_IN = { config: { access: { permission: 'account.self' as const } }, schema: { hide: true } };
// Filing and "me too" are open to anyone: a tighter limit than the pages'.
const PUBLIC_POST = { config: { access: 'public' as const, rateLimit: { max: 20, timeWindow: 60 * 1000 } }, schema: { hide: true } };
// The follow-up secret is in these paths: request logging (info level) is turned off for them so the
// secret never reaches a log line. Forms on the page post the secret in the body instead.
const FOLLOW_UP = { config: { access: 'public' as const, rateLimit: { max: 30, timeWindow: 60 * 1000 } }, schema: { hide: true }, logLevel: 'warn' as const };

const ATTACHMENTS = { accept: ['application/pdf', 'image/jpeg', 'image/png'] as const, maxBytesPerFile: 10 * 1024 * 1024, maxFiles: 5 };
const SUPPORTER_COOKIE = 'loket_supporter';
const SECRET_MAX = 200;
const REPORTER_ACTIONS = ['reply', 'accept', 'reject', 'rate'] as const;
type ReporterActionName = (typeof REPORTER_ACTIONS)[number];

const page = (request: FastifyRequest, reply: FastifyReply) => pageContext(request, reply, CSS_HREF);

function listOf(source: unknown, name: string): string[] {
  const value = (source as Record<string, unknown> | undefined)?.[name];
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

function numberOrUndefined(text: string): number | undefined {
  if (text.trim() === '') return undefined;
  const value = Number(text.trim().replace(',', '.'));
  // NaN is handed on so that the service reports the field, instead of silently dropping it.
  return value;
}

function filingValues(source: unknown, fresh: boolean): FilingValues {
  return {
    kind: formText(source, 'kind', 40) || (fresh ? 'complaint' : ''),
    categoryCode: formText(source, 'categoryCode', 100),
    title: formText(source, 'title', 300),
    description: formText(source, 'description', 12000),
    incidentDate: formText(source, 'incidentDate', 20),
    address: formText(source, 'address', 600),
    province: formText(source, 'province', 20),
    regency: formText(source, 'regency', 20),
    district: formText(source, 'district', 20),
    village: formText(source, 'village', 20),
    latitude: formText(source, 'latitude', 30),
    longitude: formText(source, 'longitude', 30),
    suggestedAgencyCode: formText(source, 'suggestedAgencyCode', 100),
    applicationTrackingNumber: formText(source, 'applicationTrackingNumber', 40),
    // Both protections are on unless the person unticks them (the safe default).
    flags: fresh ? ['secret', 'anonymous'] : listOf(source, 'flags').filter((flag) => flag === 'secret' || flag === 'anonymous'),
    reporterName: formText(source, 'reporterName', 300),
    reporterEmail: formText(source, 'reporterEmail', 300),
    reporterPhone: formText(source, 'reporterPhone', 60),
    idempotencyKey: formText(source, 'idempotencyKey', 100) || randomUUID(),
  };
}

/** The region selects as a refresh shows them: a level that no longer lies in the one above is cleared with everything below it. */
function withoutStaleRegions(values: FilingValues): FilingValues {
  const within = (code: string, parent: string) => (parent !== '' && code.startsWith(`${parent}.`) ? code : '');
  const regency = within(values.regency, values.province);
  const district = within(values.district, regency);
  return { ...values, regency, district, village: within(values.village, district) };
}

/** Public and reporter pages: filing, the public list, a report's page, the follow-up link, "my complaints". */
export function complaintPagesRoutes({ services, config }: ComplaintsRoutesOptions) {
  const complaints = services.complaints;
  const secureCookies = config.env === 'production';

  async function regionChoices() {
    return services.applicationDrafts.regionOptions();
  }

  /** Provinces and regencies (a cached list), and only the districts and villages the chosen regency and district hold. */
  async function filingRegions(values: FilingValues): Promise<RegionChoices> {
    const { regency, district } = withoutStaleRegions(values);
    const [{ provinces, regencies }, districts, villages] = await Promise.all([
      regionChoices(),
      regency ? complaints.regionChildren(regency) : [],
      district ? complaints.regionChildren(district) : [],
    ]);
    return { provinces, regencies, districts, villages };
  }

  async function showFiling(request: FastifyRequest, reply: FastifyReply, values: FilingValues, status = 200, errors: FieldError[] = []) {
    const ctx = page(request, reply);
    const [categories, regions] = await Promise.all([complaints.categories(), filingRegions(values)]);
    const similar =
      status === 200 && values.title.trim().length >= 5 ? await complaints.suggestDuplicates({ title: values.title, description: values.description }) : [];
    return reply
      .code(status)
      .header('cache-control', 'no-store')
      .html(
        <FilingPage
          ctx={ctx}
          values={values}
          categories={categories}
          regions={regions}
          signedIn={request.actor.kind !== 'anonymous'}
          errors={errors}
          similar={similar}
          mapTiles={config.mapTiles}
        />,
      );
  }

  /** A keyed hash of the browser's random supporter cookie: one "me too" per browser, never the IP. */
  function supporterKey(request: FastifyRequest, reply: FastifyReply): string {
    let value = request.cookies[SUPPORTER_COOKIE];
    if (!value || !/^[A-Za-z0-9_-]{20,64}$/.test(value)) {
      value = randomBytes(24).toString('base64url');
      reply.setCookie(SUPPORTER_COOKIE, value, { path: '/complaints', httpOnly: true, sameSite: 'lax', secure: secureCookies, maxAge: 365 * 24 * 3600 });
    }
    // signCookie is an HMAC with the server's cookie secret, so the stored key reveals nothing about the
    // cookie; the service takes it as 64 hex digits.
    return createHash('sha256').update(request.server.signCookie(value)).digest('hex');
  }

  async function showReporter(
    request: FastifyRequest,
    reply: FastifyReply,
    access: ReporterAccess,
    trackingId: string,
    options: { status?: number; errors?: FieldError[]; notice?: boolean } = {},
  ) {
    const ctx = page(request, reply);
    const report = await complaints.reporterView(access, trackingId);
    if (!report)
      return reply
        .code(404)
        .header('cache-control', 'no-store')
        .html(<ReportNotFoundPage ctx={ctx} />);
    const surveyHref = report.status === 'closed' ? await services.surveys.pendingSurveyLink('complaint', report.trackingId) : undefined;
    const actionBase = access.kind === 'account' ? `/complaints/mine/${report.trackingId}` : '/complaints/follow';
    const hidden: Record<string, string> = access.kind === 'follow_up' ? { s: access.secret } : {};
    return reply
      .code(options.status ?? 200)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .html(
        <ReporterReportPage
          ctx={ctx}
          report={report}
          actionBase={actionBase}
          filesBase={access.kind === 'account' ? `${actionBase}/files` : undefined}
          hidden={hidden}
          errors={options.errors ?? []}
          notice={options.notice ?? false}
          surveyHref={surveyHref}
        />,
      );
  }

  function reporterActionFrom(name: ReporterActionName, body: unknown): ReporterAction | FieldError {
    switch (name) {
      case 'accept':
        return { type: 'accept' };
      case 'reject': {
        const reason = formText(body, 'reason', 10000).trim();
        return reason === '' ? { field: 'reason', message: 'complaintPages.reporter.reasonRequired' } : { type: 'reject', reason };
      }
      case 'rate': {
        const rating = Number(formText(body, 'rating', 2));
        return Number.isInteger(rating) && rating >= 1 && rating <= 5
          ? { type: 'rate', rating }
          : { field: 'rating', message: 'complaints.refusal.invalid_rating' };
      }
      case 'reply': {
        const message = formText(body, 'message', 10000).trim();
        return message === '' ? { field: 'message', message: 'complaints.refusal.message_required' } : { type: 'reply', message };
      }
    }
  }

  const REFUSAL_FIELD: Partial<Record<ComplaintRefusal, string>> = {
    message_required: 'message',
    too_long: 'message',
    invalid_rating: 'rating',
    already_rated: 'rating',
    already_rejected: 'reason',
  };

  async function reporterAct(request: FastifyRequest, reply: FastifyReply, access: ReporterAccess, trackingId: string, name: ReporterActionName) {
    const ctx = page(request, reply);
    const action = reporterActionFrom(name, request.body);
    if ('field' in action) {
      return showReporter(request, reply, access, trackingId, {
        status: 400,
        errors: [{ field: action.field, message: ctx.t(action.message as 'complaintPages.title') }],
      });
    }
    const result = await complaints.reporterAct(access, trackingId, action, requestOrigin(request));
    if (!result.ok) {
      if (result.reason === 'not_found')
        return reply
          .code(404)
          .header('cache-control', 'no-store')
          .html(<ReportNotFoundPage ctx={ctx} />);
      const field = REFUSAL_FIELD[result.reason] ?? (name === 'reject' ? 'reason' : name === 'rate' ? 'rating' : 'message');
      return showReporter(request, reply, access, trackingId, { status: 409, errors: [{ field, message: ctx.t(`complaints.refusal.${result.reason}`) }] });
    }
    if (access.kind === 'account') return reply.redirect(`/complaints/mine/${trackingId}?done=1`, 303);
    // The guest's page is shown directly: a redirect would put the secret back into a URL.
    return showReporter(request, reply, access, trackingId, { notice: true });
  }

  return async (app: FastifyInstance) => {
    app.get('/complaints', PUBLIC, async (request, reply) => {
      const query = request.query;
      const filter = {
        q: formText(query, 'q', 200),
        category: formText(query, 'category', 100),
        status: formText(query, 'status', 40),
        kind: formText(query, 'kind', 40),
        region: formText(query, 'region', 20),
      };
      const pageNumber = Math.min(Math.max(Number.parseInt(formText(query, 'page', 6), 10) || 1, 1), 10000);
      const [categories, regions, results] = await Promise.all([
        complaints.categories(),
        regionChoices(),
        complaints.publicList({
          q: filter.q || undefined,
          categoryCode: filter.category || undefined,
          status: oneOf<ComplaintStatus>(filter.status, STATUSES),
          kind: oneOf<ComplaintKind>(filter.kind, KINDS),
          regionCode: /^\d{2}(\.\d{2})?$/.test(filter.region) ? filter.region : undefined,
          page: pageNumber,
          perPage: 20,
        }),
      ]);
      return reply.html(
        <PublicListPage
          ctx={page(request, reply)}
          filter={filter}
          categories={categories}
          provinces={regions.provinces}
          results={results}
          mapTiles={config.mapTiles}
        />,
      );
    });

    app.get('/complaints/new', PUBLIC, async (request, reply) => {
      // A region refresh is the same form sent by GET: keep everything that was typed.
      const refresh = formText(request.query, 'refresh', 20) === 'regions';
      const values = filingValues(request.query, !refresh);
      return showFiling(request, reply, refresh ? withoutStaleRegions(values) : values);
    });

    app.post('/complaints/new', { ...PUBLIC_POST, config: { ...PUBLIC_POST.config, uploads: true } }, async (request, reply) => {
      const ctx = page(request, reply);
      const actor = request.actor;
      const signedIn = actor.kind !== 'anonymous';
      // Stored files belong to an account: a guest's form is never multipart.
      if (!signedIn && request.isMultipart()) throw storageErrors.uploadsNotAccepted();
      const received = signedIn ? await receiveUploads(request, { ...ATTACHMENTS, ownerAccountId: actor.accountId }) : undefined;
      const values = filingValues(received ? received.fields : request.body, false);
      if (received && !received.ok) {
        return showFiling(request, reply, values, received.problem.status, [
          { field: 'field-fileIds', message: ctx.t(received.problem.key, received.problem.params) },
        ]);
      }
      const input: FileComplaintInput = {
        kind: values.kind as ComplaintKind,
        categoryCode: values.categoryCode,
        title: values.title,
        description: values.description,
        incidentDate: values.incidentDate || undefined,
        regionSelection: { province: values.province, regency: values.regency, district: values.district, village: values.village },
        address: values.address || undefined,
        latitude: numberOrUndefined(values.latitude),
        longitude: numberOrUndefined(values.longitude),
        isSecret: values.flags.includes('secret'),
        isAnonymous: values.flags.includes('anonymous'),
        applicationTrackingNumber: signedIn ? values.applicationTrackingNumber || undefined : undefined,
        suggestedAgencyCode: values.suggestedAgencyCode || undefined,
        idempotencyKey: values.idempotencyKey,
        ...(received?.ok && received.files.length > 0 ? { fileIds: received.files.map((file) => file.id) } : {}),
        channel: 'web',
        locale: ctx.locale,
      };
      const reporter =
        request.actor.kind === 'anonymous'
          ? {
              kind: 'guest' as const,
              name: values.reporterName || undefined,
              email: values.reporterEmail || undefined,
              phone: values.reporterPhone || undefined,
            }
          : { kind: 'account' as const, accountId: request.actor.accountId };
      const result = await complaints.file(input, reporter, requestOrigin(request));
      if (!result.ok) {
        const errors = result.problems.map((problem) => ({ field: problem.field, message: ctx.t(problem.key, problem.params) }));
        return showFiling(request, reply, values, 400, errors);
      }
      // After filing (not before): similar public reports the person may also support.
      const similar = (await complaints.suggestDuplicates({ title: values.title, description: values.description })).filter(
        (item) => item.trackingId !== result.trackingId,
      );
      const followUpUrl = result.followUpSecret ? `${config.publicUrl.replace(/\/$/, '')}/complaints/follow/${result.followUpSecret}` : undefined;
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .html(
          <FiledPage
            ctx={ctx}
            trackingId={result.trackingId}
            followUpUrl={followUpUrl}
            replayed={result.replayed && reporter.kind === 'guest'}
            mineHref={reporter.kind === 'account' ? `/complaints/mine/${result.trackingId}` : undefined}
            similar={similar}
          />,
        );
    });

    app.get('/complaints/follow', PUBLIC, async (request, reply) => {
      const secret = formText(request.query, 's', SECRET_MAX);
      if (secret === '') return reply.html(<FollowHelpPage ctx={page(request, reply)} />);
      const trackingId = await complaints.trackingIdForFollowUp(secret);
      if (!trackingId) return reply.code(404).html(<ReportNotFoundPage ctx={page(request, reply)} />);
      return showReporter(request, reply, { kind: 'follow_up', secret }, trackingId);
    });

    app.get<{ Params: { secret: string } }>('/complaints/follow/:secret', FOLLOW_UP, async (request, reply) => {
      const secret = request.params.secret.slice(0, SECRET_MAX);
      const trackingId = await complaints.trackingIdForFollowUp(secret);
      if (!trackingId)
        return reply
          .code(404)
          .header('cache-control', 'no-store')
          .html(<ReportNotFoundPage ctx={page(request, reply)} />);
      return showReporter(request, reply, { kind: 'follow_up', secret }, trackingId);
    });

    for (const name of REPORTER_ACTIONS) {
      app.post(`/complaints/follow/${name}`, PUBLIC_POST, async (request, reply) => {
        const secret = formText(request.body, 's', SECRET_MAX);
        const trackingId = secret === '' ? undefined : await complaints.trackingIdForFollowUp(secret);
        if (!trackingId)
          return reply
            .code(404)
            .header('cache-control', 'no-store')
            .html(<ReportNotFoundPage ctx={page(request, reply)} />);
        return reporterAct(request, reply, { kind: 'follow_up', secret }, trackingId, name);
      });

      app.post<{ Params: { trackingId: string } }>(`/complaints/mine/:trackingId/${name}`, SIGNED_IN, async (request, reply) =>
        reporterAct(request, reply, { kind: 'account', accountId: actorOf(request).accountId }, request.params.trackingId, name),
      );
    }

    app.get('/account/complaints', SIGNED_IN, async (request, reply) => {
      const pageNumber = Math.max(Number.parseInt(formText(request.query, 'page', 6), 10) || 1, 1);
      const reports = await complaints.myComplaints(actorOf(request).accountId, pageNumber);
      return reply.header('cache-control', 'no-store').html(<MyComplaintsPage ctx={page(request, reply)} reports={reports} />);
    });

    app.get<{ Params: { trackingId: string } }>('/complaints/mine/:trackingId', SIGNED_IN, async (request, reply) =>
      showReporter(request, reply, { kind: 'account', accountId: actorOf(request).accountId }, request.params.trackingId, {
        notice: formText(request.query, 'done', 2) === '1',
      }),
    );

    app.get<{ Params: { trackingId: string; fileId: string } }>('/complaints/mine/:trackingId/files/:fileId', SIGNED_IN, async (request, reply) => {
      const reader = { kind: 'reporter' as const, access: { kind: 'account' as const, accountId: actorOf(request).accountId } };
      const fileId = await complaints.attachmentFor(reader, request.params.trackingId, request.params.fileId, requestOrigin(request));
      if (!fileId) throw authErrors.notFound();
      return sendFile(reply, await services.storage.openFile(fileId));
    });

    app.get<{ Params: { trackingId: string } }>('/account/complaints/:trackingId', SIGNED_IN, async (request, reply) =>
      reply.redirect(`/complaints/mine/${encodeURIComponent(request.params.trackingId.slice(0, 40))}`, 301),
    );

    app.get<{ Params: { trackingId: string } }>('/complaints/:trackingId', PUBLIC, async (request, reply) => {
      const ctx = page(request, reply);
      const report = await complaints.publicView(request.params.trackingId);
      if (!report) return reply.code(404).html(<ReportNotFoundPage ctx={ctx} />);
      const actor = request.actor;
      const mine = actor.kind === 'anonymous' ? undefined : await complaints.reporterView({ kind: 'account', accountId: actor.accountId }, report.trackingId);
      return reply.html(
        <PublicReportPage
          ctx={ctx}
          report={report}
          supported={formText(request.query, 'supported', 2) === '1'}
          reporterHref={mine ? `/complaints/mine/${report.trackingId}` : undefined}
        />,
      );
    });

    app.post<{ Params: { trackingId: string } }>('/complaints/:trackingId/support', PUBLIC_POST, async (request, reply) => {
      const result = await complaints.support(request.params.trackingId, supporterKey(request, reply));
      if (!result.ok) return reply.code(404).html(<ReportNotFoundPage ctx={page(request, reply)} />);
      return reply.redirect(`/complaints/${encodeURIComponent(request.params.trackingId.slice(0, 40))}?supported=1`, 303);
    });
  };
}
