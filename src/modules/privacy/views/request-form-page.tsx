import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { type CaseKind, DATA_CATEGORIES } from '../privacy.tables.ts';
import { RESOLUTION_DAYS } from '../requests.service.ts';

export interface RequestFormValues {
  dataCategory: string;
  trackingNumber: string;
  details: string;
}

/** A correction, objection or restriction: which data, which application (routing), and what. */
export function RequestFormPage({ ctx, kind, values, errors }: { ctx: PageContext; kind: CaseKind; values: RequestFormValues; errors: readonly FieldError[] }) {
  const { t } = ctx;
  const error = (field: string) => errors.find((candidate) => candidate.field === field)?.message;
  return (
    <Layout ctx={ctx} title={t(`privacy.form.title.${kind}`)}>
      <p>
        <a href="/account/privacy">{t('privacy.detail.back')}</a>
      </p>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t(`privacy.form.title.${kind}`)}</h1>
      <p>{t('privacy.form.lead', { days: RESOLUTION_DAYS })}</p>
      <form method="post" action="/account/privacy/requests" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="kind" value={kind} />
        <Radios
          ctx={ctx}
          id="dataCategory"
          legend={t('privacy.form.category')}
          value={values.dataCategory}
          error={error('dataCategory')}
          items={DATA_CATEGORIES.map((category) => ({ value: category, label: t(`privacy.category.${category}`) }))}
        />
        <TextInput
          ctx={ctx}
          id="trackingNumber"
          label={t('privacy.form.trackingNumber')}
          hint={t('privacy.form.trackingNumberHint')}
          value={values.trackingNumber}
          error={error('trackingNumber')}
          width={10}
          optional
        />
        <Textarea
          ctx={ctx}
          id="details"
          label={t('privacy.form.details')}
          hint={t(`privacy.form.detailsHint.${kind}`)}
          value={values.details}
          error={error('details')}
          rows={6}
        />
        <Button>{t('privacy.form.submit')}</Button>
      </form>
    </Layout>
  );
}
