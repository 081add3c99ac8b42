import { Button } from '../../../platform/ui/components/button.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import { Tag } from '../../../platform/ui/components/tag.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { workflowOf } from '../../workflow/workflow.defaults.ts';
import type { UnitRecord } from '../catalogue.repository.ts';
import type { ServiceVersion } from '../catalogue.service.ts';
import type { LocalizedLongText } from '../catalogue.standard.ts';
import { costText, openingHoursText, pick, timeLimitText } from './format.ts';
import { stepDays } from './workflow-preview.tsx';

export interface ServicePageProps {
  ctx: PageContext;
  version: ServiceVersion;
  units: readonly UnitRecord[];
  /** A version shown to its agency's admin in the back office: marked as such, with no way to apply. */
  preview?: { editHref: string; publishHref: string };
}

/** Text that may be empty in a draft being previewed. */
function Paragraphs({ ctx, text }: { ctx: PageContext; text: LocalizedLongText | undefined }) {
  const value = text ? pick(ctx, text) : '';
  if (value === '') return null;
  return (
    <>
      {value.split(/\n{2,}/).map((paragraph, index) => (
        <p key={index}>{paragraph}</p>
      ))}
    </>
  );
}

function Offices({ ctx, units }: { ctx: PageContext; units: readonly UnitRecord[] }) {
  const { t } = ctx;
  if (units.length === 0) return <p>{t('catalogue.service.noOffices')}</p>;
  return (
    <ul class="list">
      {units.map((unit) => (
        <li key={unit.id}>
          <strong>{pick(ctx, { id: unit.nameId, en: unit.nameEn })}</strong>
          <br />
          {unit.streetAddress}
          {unit.postalCode ? `, ${unit.postalCode}` : ''}
          {unit.openingHours.map((hours, index) => (
            <span key={index}>
              <br />
              {openingHoursText(ctx, hours, unit.timeZone)}
            </span>
          ))}
        </li>
      ))}
    </ul>
  );
}

function StartOrVisit({ ctx, version, preview }: { ctx: PageContext; version: ServiceVersion; preview: ServicePageProps['preview'] }) {
  const { t } = ctx;
  if (preview) return <p class="secondary">{t('catalogue.preview.noStart')}</p>;
  if (version.channels.includes('online')) {
    return <Button href={`/services/${encodeURIComponent(version.code)}/apply`}>{t('catalogue.service.start')}</Button>;
  }
  return (
    <p>
      <strong>{t('catalogue.service.counterOnly')}</strong> <a href="#channels">{t('catalogue.service.counterOnlyLink')}</a>
    </p>
  );
}

/** The management components (8–14 of the standard, with the legal basis), published below the fold. */
function ManagementComponents({ ctx, version }: { ctx: PageContext; version: ServiceVersion }) {
  const { t } = ctx;
  const { standard } = version;
  const rows = [
    {
      key: t('catalogue.component.legalBasis'),
      value: (
        <ul class="list">
          {standard.legalBasis.map((basis, index) => (
            <li key={index}>{pick(ctx, basis)}</li>
          ))}
        </ul>
      ),
    },
    {
      key: t('catalogue.component.facilities'),
      value: (
        <>
          <Paragraphs ctx={ctx} text={standard.facilities.general} />
          <p>
            <strong>{t('catalogue.service.vulnerableFacilities')}</strong>
          </p>
          <Paragraphs ctx={ctx} text={standard.facilities.vulnerableGroups} />
        </>
      ),
    },
    { key: t('catalogue.component.staffCompetence'), value: <Paragraphs ctx={ctx} text={standard.staffCompetence} /> },
    { key: t('catalogue.component.internalSupervision'), value: <Paragraphs ctx={ctx} text={standard.internalSupervision} /> },
    {
      key: t('catalogue.component.staffCount'),
      value: (
        <>
          <p>{t('catalogue.service.staffCount', { count: standard.staffCount.count })}</p>
          <Paragraphs ctx={ctx} text={standard.staffCount.description} />
        </>
      ),
    },
    { key: t('catalogue.component.serviceGuarantee'), value: <Paragraphs ctx={ctx} text={standard.serviceGuarantee} /> },
    { key: t('catalogue.component.securityGuarantee'), value: <Paragraphs ctx={ctx} text={standard.securityGuarantee} /> },
    { key: t('catalogue.component.performanceEvaluation'), value: <Paragraphs ctx={ctx} text={standard.performanceEvaluation} /> },
  ];
  return (
    <details class="details">
      <summary>{t('catalogue.service.management')}</summary>
      <p>{t('catalogue.service.managementLead')}</p>
      <SummaryList rows={rows} />
    </details>
  );
}

/** The version's workflow as the applicant may read it: the steps, and how long each may take. */
function ProcessingSteps({ ctx, version }: { ctx: PageContext; version: ServiceVersion }) {
  const { t } = ctx;
  const { steps } = workflowOf(version.workflow);
  return (
    <details class="details">
      <summary>{t('catalogue.service.workflow')}</summary>
      <p>{t('catalogue.service.workflowLead')}</p>
      <ol class="list list--number">
        {steps.map((step) => (
          <li key={step.id}>
            {pick(ctx, step.title)}
            {version.timeLimitWorkingDays > 0
              ? ` (${t('catalogue.service.workflowDays', { days: stepDays(ctx, step.shareOfTimeLimit, version.timeLimitWorkingDays) })})`
              : null}
            {step.condition ? ` — ${t('catalogue.service.workflowSometimes')}` : null}
          </li>
        ))}
      </ol>
    </details>
  );
}

function PreviewBanner({ ctx, version, preview }: { ctx: PageContext; version: ServiceVersion; preview: NonNullable<ServicePageProps['preview']> }) {
  const { t } = ctx;
  return (
    <NotificationBanner ctx={ctx}>
      {version.status === 'draft' ? (
        <>
          <p>{t('catalogue.preview.banner', { version: version.version })}</p>
          <p>
            <a href={preview.editHref}>{t('catalogue.preview.edit')}</a> · <a href={preview.publishHref}>{t('catalogue.preview.publish')}</a>
          </p>
        </>
      ) : (
        <p>{t(version.status === 'published' ? 'catalogue.preview.published' : 'catalogue.preview.retired', { version: version.version })}</p>
      )}
    </NotificationBanner>
  );
}

/**
 * The service standard in plain language: what you get, what you need, how long and what it costs
 * before the start button; then the steps, where to go, who may apply, and how to complain.
 */
export function ServicePage({ ctx, version, units, preview }: ServicePageProps) {
  const { t } = ctx;
  const { standard } = version;
  const name = pick(ctx, { id: version.nameId, en: version.nameEn });
  const { cost } = standard;
  return (
    <Layout ctx={ctx} title={preview ? t('catalogue.preview.title', { name, version: version.version }) : name}>
      {preview ? <PreviewBanner ctx={ctx} version={version} preview={preview} /> : null}
      <p class="secondary">{pick(ctx, { id: version.agencyNameId, en: version.agencyNameEn })}</p>
      <h1>{name}</h1>
      <p class="lead">{pick(ctx, { id: version.summaryId, en: version.summaryEn })}</p>

      <h2>{t('catalogue.service.product')}</h2>
      <p>
        <strong>{pick(ctx, standard.product.name)}</strong>
      </p>
      <Paragraphs ctx={ctx} text={standard.product.description} />

      <h2>{t('catalogue.service.requirements')}</h2>
      <ul class="list">
        {standard.requirements.map((requirement) => (
          <li key={requirement.id}>
            {pick(ctx, requirement.label)}
            {requirement.fetchableFrom ? (
              <>
                {' '}
                <Tag text={t('catalogue.service.fetchable')} colour="blue" />
              </>
            ) : null}
            {requirement.description ? <p class="hint">{pick(ctx, requirement.description)}</p> : null}
          </li>
        ))}
      </ul>
      {standard.requirements.some((requirement) => requirement.fetchableFrom) ? <p class="hint">{t('catalogue.service.fetchableHint')}</p> : null}

      <h2>{t('catalogue.service.timeLimit')}</h2>
      <p>
        <strong>{timeLimitText(ctx, standard.timeLimit.workingDays)}</strong>
      </p>
      <Paragraphs ctx={ctx} text={standard.timeLimit.explanation} />

      <h2>{t('catalogue.service.cost')}</h2>
      <p>
        <strong>{costText(ctx, cost.kind, cost.kind === 'paid' ? cost.amount : 0)}</strong>
      </p>
      {cost.legalBasis && pick(ctx, cost.legalBasis) !== '' ? <p>{t('catalogue.service.costBasis', { basis: pick(ctx, cost.legalBasis) })}</p> : null}
      {cost.kind !== 'free' ? <Paragraphs ctx={ctx} text={cost.explanation} /> : null}

      <StartOrVisit ctx={ctx} version={version} preview={preview} />

      <h2>{t('catalogue.service.procedure')}</h2>
      <ol class="list list--number">
        {standard.procedure.map((step, index) => (
          <li key={index}>
            <strong>{pick(ctx, step.title)}</strong>
            {step.description ? <Paragraphs ctx={ctx} text={step.description} /> : null}
          </li>
        ))}
      </ol>
      <ProcessingSteps ctx={ctx} version={version} />

      <h2 id="channels">{t('catalogue.service.channels')}</h2>
      {version.channels.includes('online') ? <p>{t('catalogue.service.channelOnline')}</p> : null}
      {version.channels.includes('counter') ? (
        <>
          <p>{t('catalogue.service.channelCounter')}</p>
          <Offices ctx={ctx} units={units} />
        </>
      ) : null}

      <h2>{t('catalogue.service.whoCanApply')}</h2>
      <ul class="list">
        {version.applicantTypes.map((type) => (
          <li key={type}>{t(`catalogue.applicantType.${type}`)}</li>
        ))}
      </ul>
      <Paragraphs ctx={ctx} text={standard.eligibility} />

      {version.priorityGroups.length > 0 ? (
        <>
          <h2>{t('catalogue.service.priority')}</h2>
          <p>{t('catalogue.service.priorityLead')}</p>
          <ul class="list">
            {version.priorityGroups.map((group) => (
              <li key={group}>{t(`catalogue.priorityGroup.${group}`)}</li>
            ))}
          </ul>
        </>
      ) : null}

      <h2>{t('catalogue.service.complaints')}</h2>
      <Paragraphs ctx={ctx} text={standard.complaintChannel.description} />
      <ul class="list">
        {standard.complaintChannel.channels.map((channel, index) => (
          <li key={index}>
            {pick(ctx, channel.label)}: {/^https:\/\/[^\s]+$/.test(channel.contact) ? <a href={channel.contact}>{channel.contact}</a> : channel.contact}
          </li>
        ))}
      </ul>

      <ManagementComponents ctx={ctx} version={version} />

      <p class="secondary">
        {version.publishedAt
          ? t('catalogue.service.versionSince', { version: version.version, date: ctx.format.date(version.publishedAt) })
          : t('catalogue.service.versionDraft', { version: version.version })}
      </p>
    </Layout>
  );
}
