import type { ComponentChildren } from 'preact';
import type { TimeZone } from '../../../platform/db/schema.ts';
import type { FormData, FormSchema } from '../../../platform/forms/form-schema.ts';
import { localized } from '../../../platform/forms/labels.ts';
import { AnswersByPage } from '../../../platform/forms/views/answers.tsx';
import type { RegionOptions } from '../../../platform/forms/views/regions.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Field } from '../../../platform/ui/components/field.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import { Timeline, type TimelineEvent } from '../../../platform/ui/components/timeline.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ApplicationStatus, SlaState } from '../../applications/applications.tables.ts';
import { StatusTag } from '../../applications/views/status.tsx';
import type { IssuedDocumentSummary } from '../../documents/issuing.service.ts';
import type { WorkflowActionType, WorkflowStep } from '../workflow.schema.ts';
import type { StaffMember } from '../workqueue.repository.ts';
import { BackofficeNav, Csrf, dueText, PostButton, PriorityTag, SlaTag } from './backoffice-common.tsx';

export interface Named {
  id: string;
  en: string;
}

export interface WorkspaceView {
  trackingNumber: string;
  /** Issued for this application; each links to its back-office page, where it can be revoked. */
  documents: readonly IssuedDocumentSummary[];
  status: ApplicationStatus;
  serviceName: Named;
  agencyName: Named;
  channel: 'online' | 'counter';
  submittedAt: Date;
  dueAt: Date;
  stepDueAt: Date | null;
  timeZone: TimeZone;
  holidays: ReadonlySet<string>;
  priorityGroup: string | null;
  slaState: SlaState;
  escalatedAt: Date | null;
  queueUnitCode: string | null;
  /** Undefined once the application is closed. */
  step: WorkflowStep | undefined;
  checklistDone: readonly string[];
  form: FormSchema;
  answers: FormData;
  regions: RegionOptions;
  attachments: { fileId: string; fieldLabel: string; name: string; mediaType: string }[];
  /** Data fetched from other agencies with the applicant's consent, as a section of its own (bound in src/app.ts). */
  verifiedData?: ((ctx: PageContext) => ComponentChildren) | undefined;
  notes: { author: string; createdAt: Date; body: string }[];
  timeline: { kind: string; occurredAt: Date; who: string; message: string | null }[];
  actions: readonly WorkflowActionType[];
  assignee: { accountId: string; name: string } | null;
  viewerId: string;
  canClaim: boolean;
  canRelease: boolean;
  /** A supervisor of the item's unit: may assign it. */
  canAssign: boolean;
  workers: readonly StaffMember[];
  units: readonly { code: string; name: string }[];
  agencies: readonly { code: string; name: string }[];
}

/** What the officer typed, kept after a refusal. */
export interface WorkspaceValues {
  note?: string;
  message?: string;
  deadline?: string;
  toUnitCode?: string;
  toAgencyCode?: string;
  reason?: string;
  legalBasis?: string;
  assignee?: string;
}

export interface WorkspacePageProps {
  ctx: PageContext;
  view: WorkspaceView;
  errors?: readonly FieldError[];
  values?: WorkspaceValues;
  notice?: MessageKey | undefined;
}

const named = (ctx: PageContext, name: Named) => (ctx.locale === 'id' ? name.id : name.en);

function Attachments({ ctx, view }: { ctx: PageContext; view: WorkspaceView }) {
  const { t } = ctx;
  if (view.attachments.length === 0) return <p>{t('backoffice.workspace.attachments.none')}</p>;
  const base = `/backoffice/applications/${view.trackingNumber}/files`;
  return (
    <ul class="list">
      {view.attachments.map((file) => (
        <li key={file.fileId}>
          <p>
            <strong>{file.fieldLabel}</strong>: {file.name}{' '}
            <a href={`${base}/${file.fileId}`} download>
              {t('backoffice.workspace.attachments.download')}
              <span class="visually-hidden"> {file.name}</span>
            </a>
          </p>
          {/* Images show inline (img-src 'self'); PDFs are not framed (object-src 'none'), they open from the link. */}
          {file.mediaType.startsWith('image/') ? (
            <img src={`${base}/${file.fileId}`} alt={t('backoffice.workspace.attachments.preview', { name: file.name })} width={320} loading="lazy" />
          ) : null}
        </li>
      ))}
    </ul>
  );
}

function Assignment({ ctx, view, values, errors }: { ctx: PageContext; view: WorkspaceView; values: WorkspaceValues; errors: readonly FieldError[] }) {
  const { t } = ctx;
  const base = `/backoffice/applications/${view.trackingNumber}`;
  const who =
    view.assignee === null
      ? t('backoffice.workspace.unassigned')
      : view.assignee.accountId === view.viewerId
        ? t('backoffice.queue.assignedToYou')
        : view.assignee.name;
  return (
    <section aria-labelledby="assignment-heading">
      <h2 id="assignment-heading">{t('backoffice.workspace.assignment')}</h2>
      <p>{who}</p>
      {view.canClaim ? <PostButton ctx={ctx} action={`${base}/claim`} label={t('backoffice.action.claim')} variant="primary" /> : null}
      {view.canRelease ? <PostButton ctx={ctx} action={`${base}/release`} label={t('backoffice.action.release')} /> : null}
      {view.canAssign && view.step ? (
        <form method="post" action={`${base}/assign`}>
          <Csrf ctx={ctx} />
          <Field ctx={ctx} id="assignee" label={t('backoffice.workspace.assignTo')} error={errorFor(errors, 'assignee')}>
            <select class="select" id="assignee" name="assignee">
              <option value="">{t('ui.select.choose')}</option>
              {view.workers.map((worker) => (
                <option key={worker.accountId} value={worker.accountId} selected={worker.accountId === values.assignee}>
                  {worker.name}
                </option>
              ))}
            </select>
          </Field>
          <Button variant="secondary">{t('backoffice.action.assign')}</Button>
        </form>
      ) : null}
    </section>
  );
}

function CurrentStep({ ctx, view }: { ctx: PageContext; view: WorkspaceView }) {
  const { t } = ctx;
  const { step } = view;
  if (!step) return <p>{t('backoffice.workspace.closed')}</p>;
  const base = `/backoffice/applications/${view.trackingNumber}`;
  return (
    <>
      <p>
        <strong>{localized(step.title, ctx.locale)}</strong>
        {view.queueUnitCode ? ` · ${t('backoffice.workspace.unit', { unit: view.queueUnitCode })}` : ''}
      </p>
      {view.stepDueAt ? (
        <p>{t('backoffice.queue.stepDue', { due: dueText(ctx, view.stepDueAt, { timeZone: view.timeZone, holidays: view.holidays }) })}</p>
      ) : null}
      {step.checklist.length > 0 ? (
        <>
          <h3>{t('backoffice.workspace.checklist')}</h3>
          <ul class="list">
            {step.checklist.map((item) => {
              const done = view.checklistDone.includes(item.id);
              const label = localized(item.label, ctx.locale);
              return (
                <li key={item.id}>
                  <span>{done ? t('backoffice.checklist.done') : t('backoffice.checklist.open')}</span> {label}{' '}
                  <PostButton
                    ctx={ctx}
                    action={`${base}/checklist`}
                    label={done ? t('backoffice.checklist.untick') : t('backoffice.checklist.tick')}
                    hiddenLabel={label}
                    fields={{ item: item.id, done: done ? 'false' : 'true' }}
                  />
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
    </>
  );
}

function ActionForms({ ctx, view, values, errors }: { ctx: PageContext; view: WorkspaceView; values: WorkspaceValues; errors: readonly FieldError[] }) {
  const { t } = ctx;
  if (view.actions.length === 0) return null;
  const action = `/backoffice/applications/${view.trackingNumber}/act`;
  const simple = view.actions.filter((a) => a === 'advance' || a === 'approve' || a === 'issue');
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t('backoffice.workspace.actions')}</h2>
      {simple.map((type) => (
        <PostButton key={type} ctx={ctx} action={action} label={t(`backoffice.action.${type}`)} fields={{ action: type }} variant="primary" />
      ))}
      {view.actions.includes('request_information') ? (
        <form method="post" action={action}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="action" value="request_information" />
          <h3>{t('backoffice.action.request_information')}</h3>
          <Textarea ctx={ctx} id="message" label={t('backoffice.act.message')} value={values.message} error={errorFor(errors, 'message')} rows={3} />
          <TextInput
            ctx={ctx}
            id="deadline"
            label={t('backoffice.act.deadline')}
            hint={t('backoffice.act.deadline.hint')}
            value={values.deadline ?? '10'}
            inputMode="numeric"
            width={2}
            error={errorFor(errors, 'deadline')}
          />
          <Button variant="secondary">{t('backoffice.action.request_information')}</Button>
        </form>
      ) : null}
      {view.actions.includes('forward') ? (
        <form method="post" action={action}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="action" value="forward" />
          <h3>{t('backoffice.action.forward')}</h3>
          <p class="hint">{t('backoffice.act.forward.hint')}</p>
          <Field ctx={ctx} id="toUnitCode" label={t('backoffice.act.toUnit')} optional error={errorFor(errors, 'toUnitCode')}>
            <select class="select" id="toUnitCode" name="toUnitCode">
              <option value="">{t('ui.select.choose')}</option>
              {view.units.map((unit) => (
                <option key={unit.code} value={unit.code} selected={unit.code === values.toUnitCode}>
                  {unit.name}
                </option>
              ))}
            </select>
          </Field>
          <Field ctx={ctx} id="toAgencyCode" label={t('backoffice.act.toAgency')} optional>
            <select class="select" id="toAgencyCode" name="toAgencyCode">
              <option value="">{t('ui.select.choose')}</option>
              {view.agencies.map((agency) => (
                <option key={agency.code} value={agency.code} selected={agency.code === values.toAgencyCode}>
                  {agency.name}
                </option>
              ))}
            </select>
          </Field>
          <Button variant="secondary">{t('backoffice.action.forward')}</Button>
        </form>
      ) : null}
      {view.actions.includes('reject') ? (
        <form method="post" action={action}>
          <Csrf ctx={ctx} />
          <input type="hidden" name="action" value="reject" />
          <h3>{t('backoffice.action.reject')}</h3>
          <Textarea ctx={ctx} id="reason" label={t('backoffice.act.reason')} value={values.reason} error={errorFor(errors, 'reason')} rows={3} />
          <TextInput ctx={ctx} id="legalBasis" label={t('backoffice.act.legalBasis')} value={values.legalBasis} error={errorFor(errors, 'legalBasis')} />
          <Button variant="warning">{t('backoffice.action.reject')}</Button>
        </form>
      ) : null}
    </section>
  );
}

function Notes({ ctx, view, values, errors }: { ctx: PageContext; view: WorkspaceView; values: WorkspaceValues; errors: readonly FieldError[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{t('backoffice.workspace.notes')}</h2>
      <p class="hint">{t('backoffice.workspace.notes.hint')}</p>
      {view.notes.length === 0 ? (
        <p>{t('backoffice.workspace.notes.none')}</p>
      ) : (
        <ul class="list">
          {view.notes.map((note, index) => (
            <li key={index}>
              <p class="secondary">{t('backoffice.workspace.notes.meta', { who: note.author, when: ctx.format.dateTime(note.createdAt, view.timeZone) })}</p>
              <p>{note.body}</p>
            </li>
          ))}
        </ul>
      )}
      <form method="post" action={`/backoffice/applications/${view.trackingNumber}/notes`}>
        <Csrf ctx={ctx} />
        <Textarea ctx={ctx} id="note" label={t('backoffice.workspace.notes.add')} value={values.note} error={errorFor(errors, 'note')} rows={3} />
        <Button variant="secondary">{t('backoffice.workspace.notes.save')}</Button>
      </form>
    </section>
  );
}

export function eventTitle(ctx: PageContext, kind: string): string {
  const key = `backoffice.event.${kind}`;
  return KNOWN_EVENTS.has(kind) ? ctx.t(key as MessageKey) : ctx.t('backoffice.event.other', { kind });
}

const KNOWN_EVENTS = new Set([
  'submitted',
  'received',
  'checked',
  'claimed',
  'information_requested',
  'information_provided',
  'withdrawn',
  'step_entered',
  'step_skipped',
  'forwarded',
  'decided',
  'issued',
  'work_claimed',
  'work_released',
  'work_assigned',
  'note_added',
  'payment_received',
]);

export function WorkspacePage({ ctx, view, errors = [], values = {}, notice }: WorkspacePageProps) {
  const { t } = ctx;
  const paused = view.status === 'information_requested';
  const timeline: TimelineEvent[] = view.timeline.map((entry) => ({
    title: eventTitle(ctx, entry.kind),
    meta: t('backoffice.event.meta', { who: entry.who, when: ctx.format.dateTime(entry.occurredAt, view.timeZone) }),
    ...(entry.message ? { body: <p class="timeline__message">{entry.message}</p> } : {}),
  }));
  return (
    <Layout ctx={ctx} title={t('backoffice.workspace.title', { number: view.trackingNumber })} wide>
      <BackofficeNav ctx={ctx} />
      {notice && errors.length === 0 ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice)}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <p class="secondary">{named(ctx, view.serviceName)}</p>
      <h1>{t('backoffice.workspace.title', { number: view.trackingNumber })}</h1>
      <p>
        <StatusTag ctx={ctx} status={view.status} /> <SlaTag ctx={ctx} slaState={view.slaState} escalatedAt={view.escalatedAt} />{' '}
        <PriorityTag ctx={ctx} group={view.priorityGroup} />
      </p>
      <SummaryList
        rows={[
          { key: t('backoffice.workspace.agency'), value: named(ctx, view.agencyName) },
          { key: t('backoffice.workspace.channel'), value: t(`backoffice.channel.${view.channel}`) },
          { key: t('backoffice.workspace.submitted'), value: ctx.format.dateTime(view.submittedAt, view.timeZone) },
          { key: t('backoffice.workspace.due'), value: dueText(ctx, view.dueAt, { timeZone: view.timeZone, holidays: view.holidays, paused }) },
        ]}
      />
      <div class="with-sidebar">
        <div class="sidebar">
          <section aria-labelledby="step-heading">
            <h2 id="step-heading">{t('backoffice.workspace.step')}</h2>
            <CurrentStep ctx={ctx} view={view} />
          </section>
          <Assignment ctx={ctx} view={view} values={values} errors={errors} />
          <ActionForms ctx={ctx} view={view} values={values} errors={errors} />
        </div>
        <div class="with-sidebar__main">
          <section aria-labelledby="answers-heading">
            <h2 id="answers-heading">{t('backoffice.workspace.answers')}</h2>
            <AnswersByPage
              ctx={ctx}
              form={view.form}
              data={view.answers}
              regions={view.regions}
              fileNames={Object.fromEntries(view.attachments.map((a) => [a.fileId, a.name]))}
            />
          </section>
          {view.documents.length > 0 ? (
            <section aria-labelledby="issued-heading">
              <h2 id="issued-heading">{t('backoffice.workspace.issued')}</h2>
              <ul class="list">
                {view.documents.map((document) => (
                  <li key={document.id}>
                    <a href={`/backoffice/documents/${document.id}`}>{document.number}</a> {document.title}
                    {document.revokedAt ? ` (${t('documents.section.revoked')})` : ''}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {view.verifiedData?.(ctx)}
          <section aria-labelledby="attachments-heading">
            <h2 id="attachments-heading">{t('backoffice.workspace.attachments')}</h2>
            <Attachments ctx={ctx} view={view} />
          </section>
          <Notes ctx={ctx} view={view} values={values} errors={errors} />
          <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{t('backoffice.workspace.timeline')}</h2>
            <Timeline ctx={ctx} events={timeline} />
          </section>
        </div>
      </div>
    </Layout>
  );
}
