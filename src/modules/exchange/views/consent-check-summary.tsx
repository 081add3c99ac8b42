import type { LocalizedText } from '../../../platform/forms/form-schema.ts';
import { SummaryList } from '../../../platform/ui/components/summary-list.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { ConsentService } from '../consent.service.ts';
import { named } from './consent-values.tsx';

interface FetchedRequirement {
  requirementId: string;
  label: LocalizedText;
  status: 'fetched' | 'queued';
  provider: LocalizedText;
}

/** On the check page: the requirements fetched from other agencies (or to be fetched), each with a change link. */
export function FetchedRequirements({ ctx, draftId, items }: { ctx: PageContext; draftId: string; items: readonly FetchedRequirement[] }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="once-only-heading">
      <h2 id="once-only-heading">{t('consent.check.title')}</h2>
      <SummaryList
        rows={items.map((item) => ({
          key: named(ctx, item.label),
          value: t(item.status === 'fetched' ? 'consent.check.fetched' : 'consent.check.queued', { provider: named(ctx, item.provider) }),
          action: { href: `/apply/${draftId}/once-only/${item.requirementId}`, text: t('form.check.change'), visuallyHiddenText: named(ctx, item.label) },
        }))}
      />
    </section>
  );
}

/** The apply journey's hooks (src/app.ts): the consent service, and the check page's summary rendered. */
export function onceOnlyGate(consents: ConsentService) {
  return {
    pageRedirect: consents.pageRedirect,
    uploadProblems: consents.uploadProblems,
    async checkSummary(...[actor, draft, submissionKey]: Parameters<ConsentService['fetchedForDraft']>) {
      const items = await consents.fetchedForDraft(actor, draft, submissionKey);
      return items.length === 0 ? undefined : (ctx: PageContext) => <FetchedRequirements ctx={ctx} draftId={draft.id} items={items} />;
    },
  };
}
