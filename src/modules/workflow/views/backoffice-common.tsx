import { workingDaysLeft } from '../../../platform/calendar/working-days.ts';
import type { TimeZone } from '../../../platform/db/schema.ts';
import type { MessageKey } from '../../../platform/i18n/index.ts';
import { SectionNav } from '../../../platform/ui/components/section-nav.tsx';
import { Tag, type TagColour } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { STAFF_NAV_ITEMS } from '../../../platform/ui/navigation.ts';
import type { SlaState } from '../../applications/applications.tables.ts';

/** The back office's own menu: casework and complaints, each entry only for those whose permissions open it. */
export function BackofficeNav({ ctx }: { ctx: PageContext }) {
  return <SectionNav ctx={ctx} label={ctx.t('backoffice.nav.label')} items={STAFF_NAV_ITEMS} />;
}

const SLA_TAGS: Record<SlaState | 'escalated', { key: MessageKey; colour: TagColour }> = {
  on_time: { key: 'backoffice.sla.on_time', colour: 'green' },
  warned: { key: 'backoffice.sla.warned', colour: 'yellow' },
  breached: { key: 'backoffice.sla.breached', colour: 'red' },
  escalated: { key: 'backoffice.sla.escalated', colour: 'red' },
};

export function SlaTag({ ctx, slaState, escalatedAt }: { ctx: PageContext; slaState: SlaState; escalatedAt: Date | null }) {
  const tag = SLA_TAGS[escalatedAt ? 'escalated' : slaState];
  return <Tag text={ctx.t(tag.key)} colour={tag.colour} />;
}

const PRIORITY_KEYS: Record<string, MessageKey> = {
  elderly: 'backoffice.priority.elderly',
  disabled: 'backoffice.priority.disabled',
  pregnant: 'backoffice.priority.pregnant',
};

export function PriorityTag({ ctx, group }: { ctx: PageContext; group: string | null }) {
  const key = group ? PRIORITY_KEYS[group] : undefined;
  return key ? <Tag text={ctx.t(key)} colour="blue" /> : null;
}

/** "14 Jan 2027 (5 hari kerja lagi)", or overdue, in the agency's time zone and working calendar. */
export function dueText(
  ctx: PageContext,
  due: Date,
  options: { timeZone: TimeZone; holidays: ReadonlySet<string>; paused?: boolean },
  now = new Date(),
): string {
  const date = ctx.format.date(due, options.timeZone);
  if (options.paused) return ctx.t('backoffice.due.paused', { date });
  if (now.getTime() > due.getTime()) return ctx.t('backoffice.due.overdue', { date });
  const days = workingDaysLeft(now, due, { timeZone: options.timeZone, holidays: options.holidays });
  return days === 0 ? ctx.t('backoffice.due.today', { date }) : ctx.t('backoffice.due.left', { date, days });
}

/** A hidden CSRF field: every back-office form posts through the CSRF check. */
export function Csrf({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken()} />;
}

/** A one-button form (claim, release), keyboard and screen-reader friendly without JavaScript. */
export function PostButton({
  ctx,
  action,
  label,
  hiddenLabel,
  fields = {},
  variant = 'secondary',
}: {
  ctx: PageContext;
  action: string;
  label: string;
  /** Completes the label for screen readers ("Ambil permohonan 0AB…"). */
  hiddenLabel?: string;
  fields?: Record<string, string>;
  variant?: 'primary' | 'secondary' | 'warning';
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <Csrf ctx={ctx} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" class={variant === 'primary' ? 'button' : `button button--${variant}`}>
        {label}
        {hiddenLabel ? <span class="visually-hidden"> {hiddenLabel}</span> : null}
      </button>
    </form>
  );
}
