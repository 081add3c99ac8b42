import { Button } from '../../../platform/ui/components/button.tsx';
import { Checkboxes } from '../../../platform/ui/components/checkboxes.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SectionNav } from '../../../platform/ui/components/section-nav.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ADMIN_NAV_ITEMS } from '../../../platform/ui/navigation.ts';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../webhooks.events.ts';
import type { DeliveryLogEntry, SubscriptionSummary } from '../webhooks.service.ts';
import type { WebhookMessageState } from '../webhooks.tables.ts';

export interface AgencyOption {
  id: string;
  name: string;
}

export interface SubscriptionForm {
  agencyId: string;
  targetUrl: string;
  description: string;
  eventTypes: readonly string[];
}

const eventLabel = (ctx: PageContext, type: WebhookEventType) => ctx.t(`webhooks.event.${type}`);
const STATE_COLOUR: Record<WebhookMessageState, TagColour> = { pending: 'yellow', delivered: 'green', failed: 'red' };

function Time({ ctx, value }: { ctx: PageContext; value: Date | null }) {
  if (!value) return <>{ctx.t('webhooks.log.none')}</>;
  return <time dateTime={value.toISOString()}>{`${ctx.format.dateTime(value)} (${value.toISOString().slice(11, 19)} UTC)`}</time>;
}

function EnabledTag({ ctx, enabled }: { ctx: PageContext; enabled: boolean }) {
  return enabled ? <Tag text={ctx.t('webhooks.enabled')} colour="green" /> : <Tag text={ctx.t('webhooks.disabled')} />;
}

/** The subscriptions of the admin's agencies and the form that makes one; after creating, the secret once. */
export function WebhooksPage({
  ctx,
  subscriptions,
  agencies,
  form,
  errors = [],
  created,
}: {
  ctx: PageContext;
  subscriptions: readonly SubscriptionSummary[];
  agencies: readonly AgencyOption[];
  form?: SubscriptionForm | undefined;
  errors?: readonly FieldError[];
  created?: { id: string; secret: string } | undefined;
}) {
  const { t } = ctx;
  const agencyName = (id: string) => agencies.find((agency) => agency.id === id)?.name ?? id;
  return (
    <Layout ctx={ctx} title={t('webhooks.title')} wide>
      <SectionNav ctx={ctx} label={t('layout.nav.admin')} items={ADMIN_NAV_ITEMS} />
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('webhooks.title')}</h1>
      {created ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>
            <strong>{t('webhooks.created.title')}.</strong> {t('webhooks.created.secret')}
          </p>
          <p>
            <code id="signing-secret">{created.secret}</code>
          </p>
          <p>
            <a href={`/admin/webhooks/${created.id}`}>{t('webhooks.created.next')}</a>
          </p>
        </NotificationBanner>
      ) : null}
      <p>{t('webhooks.intro')}</p>
      {subscriptions.length === 0 ? (
        <p>{t('webhooks.empty')}</p>
      ) : (
        <Table
          caption={t('webhooks.list')}
          columns={[
            { header: t('webhooks.targetUrl') },
            { header: t('webhooks.agency') },
            { header: t('webhooks.events') },
            { header: t('webhooks.state') },
            { header: '' },
          ]}
          rows={subscriptions.map((subscription) => [
            <span key="url">
              <code>{subscription.targetUrl}</code>
              {subscription.description ? <span class="hint"> {subscription.description}</span> : null}
            </span>,
            agencyName(subscription.agencyId),
            subscription.eventTypes.map((type) => eventLabel(ctx, type)).join(', '),
            <EnabledTag key="state" ctx={ctx} enabled={subscription.enabled} />,
            <a key="open" href={`/admin/webhooks/${subscription.id}`}>
              {t('webhooks.open')}
              <span class="visually-hidden"> {subscription.targetUrl}</span>
            </a>,
          ])}
        />
      )}
      <h2>{t('webhooks.create.title')}</h2>
      <form method="post" action="/admin/webhooks" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        {agencies.length > 1 ? (
          <Select
            ctx={ctx}
            id="agencyId"
            label={t('webhooks.agency')}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
            value={form?.agencyId}
            error={errorFor(errors, 'agencyId')}
          />
        ) : (
          <input type="hidden" name="agencyId" value={agencies[0]?.id ?? ''} />
        )}
        <TextInput
          ctx={ctx}
          id="targetUrl"
          label={t('webhooks.targetUrl')}
          hint={t('webhooks.targetUrl.hint')}
          value={form?.targetUrl}
          error={errorFor(errors, 'targetUrl')}
          autocomplete="url"
        />
        <TextInput ctx={ctx} id="description" label={t('webhooks.description')} value={form?.description} error={errorFor(errors, 'description')} optional />
        <Checkboxes
          ctx={ctx}
          id="eventTypes"
          legend={t('webhooks.events.legend')}
          items={WEBHOOK_EVENT_TYPES.map((type) => ({ value: type, label: eventLabel(ctx, type) }))}
          values={form?.eventTypes}
          error={errorFor(errors, 'eventTypes')}
        />
        <Button>{t('webhooks.create')}</Button>
      </form>
    </Layout>
  );
}

/** One subscription: its settings, the switch, and the delivery log with a redelivery button per message. */
export function WebhookDetailPage({
  ctx,
  subscription,
  agencyName,
  log,
  notice,
}: {
  ctx: PageContext;
  subscription: SubscriptionSummary;
  agencyName: string;
  log: readonly DeliveryLogEntry[];
  notice?: 'redelivered' | 'not_redelivered' | undefined;
}) {
  const { t } = ctx;
  const base = `/admin/webhooks/${subscription.id}`;
  return (
    <Layout ctx={ctx} title={t('webhooks.detail.title')} wide>
      <SectionNav ctx={ctx} label={t('layout.nav.admin')} items={ADMIN_NAV_ITEMS} />
      {notice === 'redelivered' ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t('webhooks.redelivered')}</p>
        </NotificationBanner>
      ) : null}
      {notice === 'not_redelivered' ? (
        <NotificationBanner ctx={ctx}>
          <p>{t('webhooks.notRedelivered')}</p>
        </NotificationBanner>
      ) : null}
      <p>
        <a href="/admin/webhooks">{t('webhooks.back')}</a>
      </p>
      <h1>{t('webhooks.detail.title')}</h1>
      <SummaryList
        rows={[
          { key: t('webhooks.targetUrl'), value: <code>{subscription.targetUrl}</code> },
          { key: t('webhooks.description'), value: subscription.description || t('webhooks.log.none') },
          { key: t('webhooks.agency'), value: agencyName },
          { key: t('webhooks.events'), value: subscription.eventTypes.map((type) => eventLabel(ctx, type)).join(', ') },
          { key: t('webhooks.state'), value: <EnabledTag ctx={ctx} enabled={subscription.enabled} /> },
        ]}
      />
      <form method="post" action={`${base}/${subscription.enabled ? 'disable' : 'enable'}`}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Button variant={subscription.enabled ? 'warning' : 'secondary'}>{subscription.enabled ? t('webhooks.disable') : t('webhooks.enable')}</Button>
      </form>
      <h2>{t('webhooks.log')}</h2>
      {log.length === 0 ? <p>{t('webhooks.log.empty')}</p> : null}
      {log.map(({ message, attempts }) => (
        <section key={message.id} aria-labelledby={`m-${message.id}`}>
          <h3 id={`m-${message.id}`}>
            <code>{message.id}</code> {eventLabel(ctx, message.eventType as WebhookEventType)}{' '}
            <Tag text={t(`webhooks.state.${message.state}`)} colour={STATE_COLOUR[message.state]} />
          </h3>
          <p>
            {t('webhooks.log.created')}: <Time ctx={ctx} value={message.createdAt} />
            {message.state === 'pending' ? (
              <>
                {' · '}
                {t('webhooks.log.next')}: <Time ctx={ctx} value={message.nextAttemptAt} />
              </>
            ) : null}
          </p>
          {attempts.length > 0 ? (
            <Table
              caption={`${t('webhooks.log.attempts')}: ${message.id}`}
              columns={[
                { header: t('webhooks.log.attempts') },
                { header: t('webhooks.log.time') },
                { header: t('webhooks.log.statusCode'), numeric: true },
                { header: t('webhooks.log.duration'), numeric: true },
                { header: t('webhooks.log.error') },
                { header: t('webhooks.log.next') },
              ]}
              rows={attempts.map((attempt) => [
                `${t('webhooks.log.attempt', { n: attempt.attempt })}${attempt.manual ? ` (${t('webhooks.log.manual')})` : ''}`,
                <Time key="at" ctx={ctx} value={attempt.attemptedAt} />,
                attempt.statusCode === null ? t('webhooks.log.none') : String(attempt.statusCode),
                String(attempt.durationMs),
                attempt.errorClass ?? t('webhooks.log.none'),
                <Time key="next" ctx={ctx} value={attempt.nextAttemptAt} />,
              ])}
            />
          ) : null}
          {subscription.enabled ? (
            <form method="post" action={`${base}/messages/${message.id}/redeliver`}>
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <Button variant="secondary">
                {t('webhooks.redeliver')}
                <span class="visually-hidden"> {message.id}</span>
              </Button>
            </form>
          ) : null}
        </section>
      ))}
    </Layout>
  );
}
