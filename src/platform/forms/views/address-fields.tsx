import { Fieldset } from '../../ui/components/field.tsx';
import { Select } from '../../ui/components/select.tsx';
import { TextInput } from '../../ui/components/text-input.tsx';
import { inputId } from '../ids.ts';
import { errorAt, type FieldControlProps } from './field-props.ts';
import { provinceOf, type RegionOptions } from './regions.ts';
import { addressOf } from './values.ts';

/**
 * An address as one group: province and regency/city chosen from the region table, district, village
 * and street typed. Without JavaScript the regency list cannot follow the province choice, so until a
 * province is known it lists every regency with its province's name.
 */
export function AddressFields(props: FieldControlProps & { id: string; label: string }) {
  const { ctx, field, id, label, errors, regions } = props;
  const address = addressOf(props.value);
  const { t } = ctx;
  const name = (part: string) => `${field.name}[${part}]`;
  return (
    <Fieldset ctx={ctx} id={id} legend={label} hint={props.hint} optional={!field.required}>
      <Select
        ctx={ctx}
        id={inputId(field.name, 'province')}
        name={name('provinceCode')}
        label={t('form.address.province.label')}
        error={errorAt(errors, inputId(field.name, 'province'))}
        options={regions.provinces.map((province) => ({ value: province.code, label: province.name }))}
        value={address.provinceCode}
      />
      <Select
        ctx={ctx}
        id={inputId(field.name, 'regency')}
        name={name('regencyCode')}
        label={t('form.address.regency.label')}
        error={errorAt(errors, inputId(field.name, 'regency'))}
        options={regencyOptions(regions, address.provinceCode)}
        value={address.regencyCode}
      />
      {(['district', 'village', 'street'] as const).map((part) => (
        <TextInput
          key={part}
          ctx={ctx}
          id={inputId(field.name, part)}
          name={name(part)}
          label={t(`form.address.${part}.label`)}
          error={errorAt(errors, inputId(field.name, part))}
          value={address[part]}
          optional={part !== 'street' && field.required}
          {...(part === 'street' ? { hint: t('form.address.street.hint') } : {})}
        />
      ))}
    </Fieldset>
  );
}

function regencyOptions(regions: RegionOptions, provinceCode: string) {
  const inProvince = regions.regencies.filter((regency) => provinceOf(regency.code) === provinceCode);
  if (inProvince.length > 0) return inProvince.map((regency) => ({ value: regency.code, label: regency.name }));
  const provinceNames = new Map(regions.provinces.map((province) => [province.code, province.name]));
  return regions.regencies.map((regency) => {
    const province = provinceNames.get(provinceOf(regency.code));
    return { value: regency.code, label: province ? `${regency.name}, ${province}` : regency.name };
  });
}
