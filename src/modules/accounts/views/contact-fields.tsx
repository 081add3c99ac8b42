import type { FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { errorFor } from '../../../platform/ui/components/error-summary.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';

/** E-mail and mobile number, as registration and the account page ask for them. */
export function ContactFields({
  ctx,
  values,
  errors,
  phoneOptional = false,
}: {
  ctx: PageContext;
  values: { email: string; phone: string };
  errors: readonly FieldError[];
  phoneOptional?: boolean;
}) {
  const { t } = ctx;
  return (
    <>
      <TextInput
        ctx={ctx}
        id="email"
        type="email"
        label={t('register.email.label')}
        hint={t('register.email.hint')}
        error={errorFor(errors, 'email')}
        value={values.email}
        autocomplete="email"
      />
      <TextInput
        ctx={ctx}
        id="phone"
        type="tel"
        label={t('register.phone.label')}
        hint={t('register.phone.hint')}
        error={errorFor(errors, 'phone')}
        value={values.phone}
        autocomplete="tel"
        optional={phoneOptional}
      />
    </>
  );
}
