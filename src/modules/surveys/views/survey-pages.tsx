import type { MessageKey } from '../../../platform/i18n/index.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Fieldset } from '../../../platform/ui/components/field.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ELEMENT_FIELDS } from '../surveys.answers.ts';
import type { RawAnswers, SurveyForm } from '../surveys.contract.ts';
import { AGE_BANDS, EDUCATION_LEVELS, OCCUPATIONS, SEXES, type SurveySubjectKind } from '../surveys.tables.ts';

/** The optional respondent profile, in the questionnaire's order. */
const PROFILE_QUESTIONS = [
  ['ageBand', AGE_BANDS],
  ['sex', SEXES],
  ['education', EDUCATION_LEVELS],
  ['occupation', OCCUPATIONS],
] as const;

/** The answer scale of each element, as the SKM questionnaire words it (U1–U9), listed 1 to 4 as the paper form does. */
const SCALES = ['suitable', 'easy', 'fast', 'cost', 'suitable', 'competent', 'polite', 'handled', 'quality'] as const;

export const EMPTY_ANSWERS: RawAnswers = {
  u1: '',
  u2: '',
  u3: '',
  u4: '',
  u5: '',
  u6: '',
  u7: '',
  u8: '',
  u9: '',
  comment: '',
  ageBand: '',
  sex: '',
  education: '',
  occupation: '',
};

export interface SurveyFormPageProps {
  ctx: PageContext;
  form: SurveyForm;
  values: RawAnswers;
  errors: readonly FieldError[];
  /** Where the form posts. */
  action: string;
  /** Hidden fields: the survey's token, so that it never travels in a logged path. */
  hidden: Readonly<Record<string, string>>;
  /** The counter's tablet: larger targets, no profile questions read aloud by staff. */
  kiosk?: boolean;
}

/** What the survey rates, in the reader's language: a service, or a complaint's handling. Never who. */
function subjectLine(ctx: PageContext, form: SurveyForm): string {
  const name = (names: { id: string; en: string }) => names[ctx.locale] || names.id;
  return form.subjectKind === 'application' && form.serviceName
    ? ctx.t('surveys.subject.application', { service: name(form.serviceName) })
    : ctx.t('surveys.subject.complaint', { agency: name(form.agencyName) });
}

/** The nine SKM questions, the optional comment and profile, on one page (it works without JavaScript). */
export function SurveyFormPage({ ctx, form, values, errors, action, hidden, kiosk = false }: SurveyFormPageProps) {
  const { t } = ctx;
  const profileOptions = (field: string, choices: readonly string[]) => [
    { value: '', label: t('surveys.profile.notSaid') },
    ...choices.map((value) => ({ value, label: t(`surveys.${field}.${value}` as MessageKey) })),
  ];
  return (
    <Layout ctx={ctx} title={t('surveys.title')} kiosk={kiosk}>
      <div class={kiosk ? 'survey survey--kiosk' : 'survey'}>
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1>{t('surveys.title')}</h1>
        <p class="lead">{subjectLine(ctx, form)}</p>
        <p>{t('surveys.lead')}</p>
        <p class="secondary-text">{t('surveys.privacy')}</p>
        <form method="post" action={action} novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          {Object.entries(hidden).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {ELEMENT_FIELDS.map((field, index) => {
            const scale = SCALES[index] ?? 'quality';
            return (
              <div class="survey-question" key={field}>
                <Radios
                  ctx={ctx}
                  id={field}
                  legend={t(`surveys.q${index + 1}` as MessageKey)}
                  hint={t('surveys.question', { number: index + 1 })}
                  error={errorFor(errors, field)}
                  value={values[field]}
                  items={['1', '2', '3', '4'].map((value) => ({ value, label: t(`surveys.scale.${scale}.${value}` as MessageKey) }))}
                />
              </div>
            );
          })}
          <Textarea
            ctx={ctx}
            id="comment"
            label={t('surveys.comment')}
            hint={t('surveys.commentHint')}
            error={errorFor(errors, 'comment')}
            value={values.comment}
            rows={4}
            optional
          />
          <Fieldset ctx={ctx} id="profile" legend={t('surveys.profile.title')} hint={t('surveys.profile.hint')} optional>
            {PROFILE_QUESTIONS.map(([id, choices]) => (
              <Select
                key={id}
                ctx={ctx}
                id={id}
                label={t(`surveys.profile.${id}`)}
                options={profileOptions(id, choices)}
                value={values[id]}
                error={errorFor(errors, id)}
                optional
              />
            ))}
          </Fieldset>
          <Button>{t('surveys.submit')}</Button>
        </form>
      </div>
    </Layout>
  );
}

/** After the answers are saved; at the kiosk, with the way back for the next person. */
export function SurveyThanksPage({ ctx, kioskHref }: { ctx: PageContext; kioskHref?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('surveys.thanks.title')} kiosk={kioskHref !== undefined}>
      <div class={kioskHref ? 'survey survey--kiosk' : 'survey'}>
        <div class="panel">
          <h1 class="panel__title">{t('surveys.thanks.title')}</h1>
        </div>
        <p>{t('surveys.thanks.body')}</p>
        {kioskHref ? (
          <>
            <p class="secondary-text">{t('surveys.kiosk.resetting')}</p>
            <p>
              <Button href={kioskHref}>{t('surveys.kiosk.next')}</Button>
            </p>
          </>
        ) : null}
      </div>
    </Layout>
  );
}

/** A survey already answered (the second submit, another tab): nothing new was saved. */
export function SurveyUsedPage({ ctx, kioskHref }: { ctx: PageContext; kioskHref?: string | undefined }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('surveys.used.title')} kiosk={kioskHref !== undefined}>
      <h1>{t('surveys.used.title')}</h1>
      <p>{t('surveys.used.body')}</p>
      {kioskHref ? (
        <p>
          <Button href={kioskHref}>{t('surveys.kiosk.next')}</Button>
        </p>
      ) : null}
    </Layout>
  );
}

export function SurveyNotFoundPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('surveys.notFound.title')}>
      <h1>{t('surveys.notFound.title')}</h1>
      <p>{t('surveys.notFound.body')}</p>
    </Layout>
  );
}

/** The officer's side of the kiosk: which completed application the next answers are about. */
export function KioskStartPage({
  ctx,
  trackingNumber,
  mode,
  errors,
}: {
  ctx: PageContext;
  trackingNumber: string;
  mode: string;
  errors: readonly FieldError[];
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('surveys.kiosk.title')}>
      <div class="survey survey--kiosk">
        <ErrorSummary ctx={ctx} errors={errors} />
        <h1>{t('surveys.kiosk.title')}</h1>
        <p>{t('surveys.kiosk.lead')}</p>
        <form method="post" action="/counter/survey/open" novalidate>
          <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
          <div class={errorFor(errors, 'trackingNumber') ? 'form-group form-group--error' : 'form-group'}>
            <label class="label" for="trackingNumber">
              {t('surveys.kiosk.trackingNumber')}
            </label>
            <p id="trackingNumber-hint" class="hint">
              {t('surveys.kiosk.trackingNumberHint')}
            </p>
            {errorFor(errors, 'trackingNumber') ? (
              <p id="trackingNumber-error" class="error-message">
                <span class="visually-hidden">{t('ui.error.prefix')} </span>
                {errorFor(errors, 'trackingNumber')}
              </p>
            ) : null}
            <input
              class={errorFor(errors, 'trackingNumber') ? 'input input--width-10 input--error' : 'input input--width-10'}
              id="trackingNumber"
              name="trackingNumber"
              type="text"
              autocomplete="off"
              spellcheck={false}
              value={trackingNumber}
              aria-describedby={errorFor(errors, 'trackingNumber') ? 'trackingNumber-hint trackingNumber-error' : 'trackingNumber-hint'}
            />
          </div>
          <Radios
            ctx={ctx}
            id="mode"
            legend={t('surveys.kiosk.mode')}
            value={mode}
            items={[
              { value: 'kiosk', label: t('surveys.kiosk.mode.kiosk') },
              { value: 'counter', label: t('surveys.kiosk.mode.counter') },
            ]}
          />
          <Button>{t('surveys.kiosk.open')}</Button>
        </form>
      </div>
    </Layout>
  );
}

/** On an application's or complaint's page: the invitation to rate it, while it is unanswered. */
export function SurveyInvitationBanner({ ctx, href, kind }: { ctx: PageContext; href: string | undefined; kind: SurveySubjectKind }) {
  if (!href) return null;
  const { t } = ctx;
  return (
    <NotificationBanner ctx={ctx} id="survey-invitation">
      <p>
        <strong>{t('surveys.invitation.title')}</strong>
      </p>
      <p>{kind === 'application' ? t('surveys.invitation.body') : t('surveys.invitation.complaintBody')}</p>
      <p>
        <a href={href}>{t('surveys.invitation.link')}</a>
      </p>
    </NotificationBanner>
  );
}
