import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Table } from '../../../platform/ui/components/table.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { HoldRow, RetentionRule } from '../privacy.repository.ts';
import { HOLD_RECORD_TYPES } from '../privacy.tables.ts';

export interface HoldValues {
  recordType: string;
  recordId: string;
  reason: string;
}

const holdTypeLabel = (ctx: PageContext, type: string) =>
  (HOLD_RECORD_TYPES as readonly string[]).includes(type) ? ctx.t(`privacy.holdType.${type}` as MessageKey) : type;

/** Legal holds in force (with release), a form to set one, and the retention rules they override. */
export function HoldsPage({
  ctx,
  holds,
  rules,
  values,
  errors,
  notice,
}: {
  ctx: PageContext;
  holds: readonly HoldRow[];
  rules: readonly RetentionRule[];
  values: HoldValues;
  errors: readonly FieldError[];
  notice: MessageKey | undefined;
}) {
  const { t, format } = ctx;
  const error = (field: string) => errors.find((candidate) => candidate.field === field)?.message;
  return (
    <Layout ctx={ctx} title={t('privacy.holds.title')} wide>
      {notice ? (
        <NotificationBanner ctx={ctx} type="success">
          <p>{t(notice)}</p>
        </NotificationBanner>
      ) : null}
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('privacy.holds.title')}</h1>
      <p>{t('privacy.holds.lead')}</p>

      <h2>{t('privacy.holds.active')}</h2>
      {holds.length === 0 ? (
        <p>{t('privacy.holds.empty')}</p>
      ) : (
        <Table
          caption={t('privacy.holds.caption')}
          columns={[
            { header: t('privacy.holds.recordType') },
            { header: t('privacy.holds.recordId') },
            { header: t('privacy.holds.reason') },
            { header: t('privacy.holds.setAt') },
            { header: t('privacy.holds.action') },
          ]}
          rows={holds.map((hold) => [
            holdTypeLabel(ctx, hold.recordType),
            <code>{hold.recordId}</code>,
            hold.reason,
            format.dateTime(hold.setAt),
            <form method="post" action={`/backoffice/privacy/holds/${hold.id}/release`} class="inline-form">
              <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
              <button
                type="submit"
                class="link-button"
                aria-label={t('privacy.holds.releaseNamed', { type: holdTypeLabel(ctx, hold.recordType), id: hold.recordId })}
              >
                {t('privacy.holds.release')}
              </button>
            </form>,
          ])}
        />
      )}

      <h2>{t('privacy.holds.new')}</h2>
      <form method="post" action="/backoffice/privacy/holds" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <Select
          ctx={ctx}
          id="recordType"
          label={t('privacy.holds.recordType')}
          value={values.recordType}
          error={error('recordType')}
          options={HOLD_RECORD_TYPES.map((type) => ({ value: type, label: holdTypeLabel(ctx, type) }))}
        />
        <TextInput
          ctx={ctx}
          id="recordId"
          label={t('privacy.holds.recordId')}
          hint={t('privacy.holds.recordIdHint')}
          value={values.recordId}
          error={error('recordId')}
        />
        <Textarea
          ctx={ctx}
          id="reason"
          label={t('privacy.holds.reason')}
          hint={t('privacy.holds.reasonHint')}
          value={values.reason}
          error={error('reason')}
          rows={3}
        />
        <Button>{t('privacy.holds.submit')}</Button>
      </form>

      <h2>{t('privacy.holds.rules')}</h2>
      <Table
        caption={t('privacy.holds.rulesCaption')}
        columns={[
          { header: t('privacy.holds.rule.type') },
          { header: t('privacy.holds.rule.action') },
          { header: t('privacy.holds.rule.period'), numeric: true },
          { header: t('privacy.holds.rule.basis') },
        ]}
        rows={rules.map((rule) => [
          <code>{rule.recordType}</code>,
          `${t(`privacy.retention.${rule.action}`)}${rule.enabled ? '' : ` ${t('privacy.holds.rule.disabled')}`}`,
          t('privacy.holds.rule.days', { days: rule.periodDays }),
          rule.basis,
        ])}
      />
    </Layout>
  );
}
