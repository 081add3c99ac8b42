import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { BackofficeNav, Csrf } from '../../workflow/views/backoffice-common.tsx';
import type { Names, Paged, QueueFilter, StaffComplaint, StaffComplaintSummary } from '../complaints.contract.ts';
import { ARCHIVE_REASONS, COMPLAINT_STATUSES } from '../complaints.tables.ts';

/** Standard response texts the composer can start from (edited before sending). */
export const RESPONSE_TEMPLATES = ['done', 'scheduled', 'notAuthority'] as const;
export type ResponseTemplate = (typeof RESPONSE_TEMPLATES)[number];

const name = (ctx: PageContext, names: Names) => (ctx.locale === 'en' ? names.en : names.id);
const key = (text: string) => text as MessageKey;
const date = (ctx: PageContext, value: Date | null) =>
  value ? new Intl.DateTimeFormat(ctx.locale === 'en' ? 'en-GB' : 'id-ID', { dateStyle: 'medium', timeZone: 'Asia/Jakarta' }).format(value) : '—';

function ClockTag({ ctx, clock }: { ctx: PageContext; clock: StaffComplaintSummary['clock'] }) {
  const variant = clock === 'breached' ? 'tag tag--red' : clock === 'warned' ? 'tag tag--yellow' : 'tag tag--green';
  return <strong class={variant}>{ctx.t(key(`complaintDesk.clock.${clock}`))}</strong>;
}

export function DeskQueuePage({
  ctx,
  title,
  action,
  workspaceBase,
  filter,
  result,
}: {
  ctx: PageContext;
  title: string;
  action: string;
  workspaceBase: string;
  filter: QueueFilter;
  result: Paged<StaffComplaintSummary>;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={title} wide>
      <BackofficeNav ctx={ctx} />
      <h1>{title}</h1>
      <form method="get" action={action} aria-labelledby="filters-heading">
        <h2 id="filters-heading">{t('complaintDesk.queue.filters')}</h2>
        <label class="label" for="q">
          {t('complaintDesk.queue.q')}
        </label>
        <input class="input" id="q" name="q" value={filter.q ?? ''} maxLength={100} />
        <label class="label" for="status">
          {t('complaintDesk.queue.status')}
        </label>
        <select class="select" id="status" name="status">
          <option value="">{t('complaintDesk.queue.any')}</option>
          {COMPLAINT_STATUSES.map((status) => (
            <option key={status} value={status} selected={filter.status === status}>
              {t(key(`complaints.status.${status}`))}
            </option>
          ))}
        </select>
        <div class="checkbox">
          <input type="checkbox" id="overdue" name="overdue" value="1" checked={filter.overdue === true} />
          <label for="overdue">{t('complaintDesk.queue.overdue')}</label>
        </div>
        <button type="submit" class="button button--secondary">
          {t('complaintDesk.queue.apply')}
        </button>
      </form>
      {result.items.length === 0 ? (
        <p>{t('complaintDesk.queue.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption>{t('complaintDesk.queue.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('complaintDesk.col.tracking')}</th>
                <th scope="col">{t('complaintDesk.col.title')}</th>
                <th scope="col">{t('complaintDesk.col.category')}</th>
                <th scope="col">{t('complaintDesk.col.status')}</th>
                <th scope="col">{t('complaintDesk.col.due')}</th>
                <th scope="col">{t('complaintDesk.col.clock')}</th>
              </tr>
            </thead>
            <tbody>
              {result.items.map((item) => (
                <tr key={item.trackingId}>
                  <th scope="row">
                    <a href={`${workspaceBase}/${item.trackingId}`}>{item.trackingId}</a>
                  </th>
                  <td>{item.title}</td>
                  <td>{name(ctx, item.category.name)}</td>
                  <td>{t(key(`complaints.status.${item.status}`))}</td>
                  <td>{date(ctx, item.stageDueAt)}</td>
                  <td>
                    <ClockTag ctx={ctx} clock={item.clock} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

function ActionForm({ ctx, base, type, children }: { ctx: PageContext; base: string; type: string; children?: ComponentChildren }) {
  return (
    <form method="post" action={`${base}/act`} class="form-group">
      <Csrf ctx={ctx} />
      <input type="hidden" name="action" value={type} />
      {children}
      <button type="submit" class="button">
        {ctx.t(key(`complaintDesk.action.${type}`))}
      </button>
    </form>
  );
}

function TextArea({ ctx, id, label, value = '' }: { ctx: PageContext; id: string; label: MessageKey; value?: string }) {
  return (
    <>
      <label class="label" for={id}>
        {ctx.t(label)}
      </label>
      <textarea class="textarea" id={id} name="message" rows={4} maxLength={4000}>
        {value}
      </textarea>
    </>
  );
}

export interface AgencyOption {
  id: string;
  name: Names;
}

function AgencySelect({ ctx, id, agencies, selected }: { ctx: PageContext; id: string; agencies: readonly AgencyOption[]; selected: string | undefined }) {
  return (
    <select class="select" id={id} name="agencyId">
      {agencies.map((agency) => (
        <option key={agency.id} value={agency.id} selected={agency.id === selected}>
          {name(ctx, agency.name)}
        </option>
      ))}
    </select>
  );
}

export function DeskWorkspacePage({
  ctx,
  base,
  view,
  agencies,
  template,
  error,
  done,
}: {
  ctx: PageContext;
  base: string;
  view: StaffComplaint;
  agencies: readonly AgencyOption[];
  template: ResponseTemplate | undefined;
  error?: string | undefined;
  done: boolean;
}) {
  const { t } = ctx;
  const has = (type: StaffComplaint['actions'][number]) => view.actions.includes(type);
  return (
    <Layout ctx={ctx} title={`${view.trackingId} ${view.title}`} wide>
      <BackofficeNav ctx={ctx} />
      {done ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('complaintDesk.ws.done')}</p>
        </NotificationBanner>
      ) : null}
      {error ? (
        <div class="error-summary" role="alert" tabIndex={-1}>
          <p>{error}</p>
        </div>
      ) : null}
      <span class="caption">{view.trackingId}</span>
      <h1>{view.title}</h1>
      <p>
        <strong class="tag">{t(key(`complaints.status.${view.status}`))}</strong> <ClockTag ctx={ctx} clock={view.clock} />
      </p>
      <h2>{t('complaintDesk.ws.report')}</h2>
      <p>{name(ctx, view.category.name)}</p>
      <p class="pre-line">{view.description}</p>
      <h2>{t('complaintDesk.ws.place')}</h2>
      <p>{[view.place.address, view.place.regionName].filter(Boolean).join(', ') || '—'}</p>
      {view.attachments.length > 0 ? (
        <>
          <h2>{t('complaintDesk.ws.attachments')}</h2>
          <ul class="list">
            {view.attachments.map((file) => (
              <li key={file.fileId}>
                <a href={`${base}/files/${file.fileId}`} download>
                  {file.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2>{t('complaintDesk.ws.reporter')}</h2>
      {view.isAnonymous ? <p class="inset-text">{t('complaintDesk.ws.anonymous')}</p> : null}
      {view.reporter ? (
        <dl class="summary-list">
          <div class="summary-list__row">
            <dt>{t('complaintDesk.ws.reporter')}</dt>
            <dd>{[view.reporter.name ?? t('complaintDesk.ws.noName'), view.reporter.email, view.reporter.phone].filter(Boolean).join(' · ')}</dd>
          </div>
        </dl>
      ) : null}
      {view.routedTo ? <p>{t('complaintDesk.ws.routedTo', { agency: name(ctx, view.routedTo.agency.name) })}</p> : null}
      {view.duplicates.length > 0 ? (
        <>
          <h2>{t('complaintDesk.ws.duplicates')}</h2>
          <ul class="list">
            {view.duplicates.map((duplicate) => (
              <li key={duplicate.trackingId}>
                {duplicate.trackingId} — {duplicate.title}
                {has('merge') ? (
                  <ActionForm ctx={ctx} base={base} type="merge">
                    <input type="hidden" name="intoTrackingId" value={duplicate.trackingId} />
                  </ActionForm>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 id="actions-heading">{t('complaintDesk.ws.actions')}</h2>
      {has('forward') ? (
        <ActionForm ctx={ctx} base={base} type="forward">
          <label class="label" for="forward-agency">
            {t('complaintDesk.field.agency')}
          </label>
          <AgencySelect ctx={ctx} id="forward-agency" agencies={agencies} selected={view.routedTo?.agency.id ?? view.suggestedAgency?.id} />
          {view.routedTo?.unit ? <input type="hidden" name="unitId" value={view.routedTo.unit.id} /> : null}
          <div class="checkbox">
            <input type="checkbox" id="forward-secret" name="isSecret" value="1" checked={view.isSecret} />
            <label for="forward-secret">{t('complaintDesk.field.secret')}</label>
          </div>
          <div class="checkbox">
            <input type="checkbox" id="forward-anonymous" name="isAnonymous" value="1" checked={view.isAnonymous} />
            <label for="forward-anonymous">{t('complaintDesk.field.anonymous')}</label>
          </div>
        </ActionForm>
      ) : null}
      {has('archive') ? (
        <ActionForm ctx={ctx} base={base} type="archive">
          <label class="label" for="archive-reason">
            {t('complaintDesk.field.reason')}
          </label>
          <select class="select" id="archive-reason" name="reason">
            {ARCHIVE_REASONS.map((reason) => (
              <option key={reason} value={reason}>
                {t(key(`complaints.archiveReason.${reason}`))}
              </option>
            ))}
          </select>
          <TextArea ctx={ctx} id="archive-message" label="complaintDesk.field.message" />
        </ActionForm>
      ) : null}
      {has('merge') ? (
        <ActionForm ctx={ctx} base={base} type="merge">
          <label class="label" for="merge-into">
            {t('complaintDesk.field.into')}
          </label>
          <input class="input" id="merge-into" name="intoTrackingId" maxLength={20} />
        </ActionForm>
      ) : null}
      {has('set_flags') ? (
        <ActionForm ctx={ctx} base={base} type="set_flags">
          <div class="checkbox">
            <input type="checkbox" id="flags-secret" name="isSecret" value="1" checked={view.isSecret} />
            <label for="flags-secret">{t('complaintDesk.field.secret')}</label>
          </div>
          <div class="checkbox">
            <input type="checkbox" id="flags-anonymous" name="isAnonymous" value="1" checked={view.isAnonymous} />
            <label for="flags-anonymous">{t('complaintDesk.field.anonymous')}</label>
          </div>
        </ActionForm>
      ) : null}
      {has('plan') ? (
        <ActionForm ctx={ctx} base={base} type="plan">
          <TextArea ctx={ctx} id="plan-message" label="complaintDesk.field.message" />
        </ActionForm>
      ) : null}
      {has('message') ? (
        <ActionForm ctx={ctx} base={base} type="message">
          <TextArea ctx={ctx} id="message-message" label="complaintDesk.field.message" />
          <div class="checkbox">
            <input type="checkbox" id="message-request" name="requestInformation" value="1" />
            <label for="message-request">{t('complaintDesk.field.requestInformation')}</label>
          </div>
        </ActionForm>
      ) : null}
      {has('respond') ? (
        <>
          <form method="get" action={base} class="form-group">
            <label class="label" for="template">
              {t('complaintDesk.field.template')}
            </label>
            <select class="select" id="template" name="template">
              {RESPONSE_TEMPLATES.map((item) => (
                <option key={item} value={item} selected={template === item}>
                  {t(key(`complaintDesk.template.${item}`))}
                </option>
              ))}
            </select>
            <button type="submit" class="button button--secondary">
              {t('complaintDesk.field.useTemplate')}
            </button>
          </form>
          <ActionForm ctx={ctx} base={base} type="respond">
            <TextArea
              ctx={ctx}
              id="respond-message"
              label="complaintDesk.field.message"
              value={template ? t(key(`complaintDesk.template.${template}.text`)) : ''}
            />
          </ActionForm>
        </>
      ) : null}
      {has('postpone') ? (
        <ActionForm ctx={ctx} base={base} type="postpone">
          <label class="label" for="postpone-reason">
            {t('complaintDesk.field.reason')}
          </label>
          <textarea class="textarea" id="postpone-reason" name="reason" rows={3} maxLength={2000} />
        </ActionForm>
      ) : null}
      {has('reroute') ? (
        <ActionForm ctx={ctx} base={base} type="reroute">
          <label class="label" for="reroute-agency">
            {t('complaintDesk.field.agency')}
          </label>
          <AgencySelect ctx={ctx} id="reroute-agency" agencies={agencies} selected={undefined} />
          <TextArea ctx={ctx} id="reroute-message" label="complaintDesk.field.message" />
        </ActionForm>
      ) : null}
      {has('resume') ? <ActionForm ctx={ctx} base={base} type="resume" /> : null}
      {has('note') ? (
        <ActionForm ctx={ctx} base={base} type="note">
          <TextArea ctx={ctx} id="note-message" label="complaintDesk.field.message" />
        </ActionForm>
      ) : null}
      <h2>{t('complaintDesk.ws.timeline')}</h2>
      <ol class="timeline">
        {[...view.timeline].reverse().map((entry) => (
          <li key={entry.id}>
            <p>
              <strong>{t(key(`complaints.event.${entry.kind}`))}</strong> — {date(ctx, entry.occurredAt)}
              {entry.visibility === 'internal' ? <span class="tag tag--grey"> {t('complaintDesk.ws.internal')}</span> : null}
            </p>
            {entry.message ? <p style="white-space: pre-wrap">{entry.message}</p> : null}
          </li>
        ))}
      </ol>
    </Layout>
  );
}
