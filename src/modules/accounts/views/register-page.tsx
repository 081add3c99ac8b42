import { Button } from '../../../platform/ui/components/button.tsx';
import { DateInput } from '../../../platform/ui/components/date-input.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import { ContactFields } from './contact-fields.tsx';

export interface RegisterValues {
  nik: string;
  fullName: string;
  birthDate: { day: string; month: string; year: string };
  email: string;
  phone: string;
}

export function RegisterPage({ ctx, values, errors }: { ctx: PageContext; values: RegisterValues; errors: readonly FieldError[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('register.title')}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('register.title')}</h1>
      <p class="lead">{t('register.lead')}</p>
      <form method="post" action="/register" novalidate>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <TextInput
          ctx={ctx}
          id="nik"
          label={t('register.nik.label')}
          hint={t('register.nik.hint')}
          error={errorFor(errors, 'nik')}
          value={values.nik}
          inputMode="numeric"
          autocomplete="off"
          width={10}
        />
        <TextInput
          ctx={ctx}
          id="fullName"
          label={t('register.fullName.label')}
          hint={t('register.fullName.hint')}
          error={errorFor(errors, 'fullName')}
          value={values.fullName}
          autocomplete="name"
        />
        <DateInput
          ctx={ctx}
          id="birthDate"
          legend={t('register.birthDate.legend')}
          hint={t('register.birthDate.hint')}
          error={errorFor(errors, 'birthDate-day')}
          value={values.birthDate}
          autocomplete="bday"
        />
        <ContactFields ctx={ctx} values={values} errors={errors} phoneOptional />
        <TextInput
          ctx={ctx}
          id="password"
          type="password"
          label={t('register.password.label')}
          hint={t('register.password.hint')}
          error={errorFor(errors, 'password')}
          autocomplete="new-password"
        />
        <Button>{t('register.submit')}</Button>
      </form>
      <p>
        <a href="/sign-in">{t('register.haveAccount')}</a>
      </p>
    </Layout>
  );
}
