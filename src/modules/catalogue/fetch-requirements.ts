import type { FormSchema } from '../../platform/forms/form-schema.ts';
import type { ServiceStandard, StandardProblem } from './catalogue.standard.ts';

/** What the check needs to know of a data product of the exchange (DataProduct has it). */
export interface FetchableProduct {
  code: string;
  active: boolean;
  fields: readonly { name: string }[];
  purposes: readonly { code: string; lawEnforcement: boolean }[];
  consumerAgencyIds: readonly string[];
}

/**
 * Problems of the requirements a version fetches from data products, for a service of `agencyId`:
 * the product must exist and be active, let this agency consume it, permit the purpose (never a
 * law-enforcement one: an applicant's consent is no basis for that), and have the fields named; and
 * the form must offer an upload for the requirement (a file field naming it), which is what an
 * applicant who declines gets. Empty when sound.
 */
export function fetchRequirementProblems(
  standard: ServiceStandard,
  form: FormSchema | undefined,
  agencyId: string,
  products: readonly FetchableProduct[],
): StandardProblem[] {
  const problems: StandardProblem[] = [];
  const byCode = new Map(products.map((product) => [product.code, product]));
  const uploads = new Set(
    form?.pages.flatMap((page) => page.fields.flatMap((field) => (field.type === 'file' && field.requirement ? [field.requirement] : []))),
  );
  standard.requirements.forEach((requirement, index) => {
    const fetch = requirement.fetch;
    if (!fetch) return;
    const at = (part: string) => `/requirements/${index}/fetch/${part}`;
    const product = byCode.get(fetch.product);
    if (!product?.active) {
      problems.push({ path: at('product'), keyword: 'product', message: `no active data product "${fetch.product}"` });
      return;
    }
    if (!product.consumerAgencyIds.includes(agencyId)) {
      problems.push({ path: at('product'), keyword: 'consumer', message: `the agency may not consume "${fetch.product}"` });
    }
    const purpose = product.purposes.find((candidate) => candidate.code === fetch.purpose);
    if (!purpose || purpose.lawEnforcement) {
      problems.push({ path: at('purpose'), keyword: 'purpose', message: `"${fetch.purpose}" is not a purpose "${fetch.product}" permits with consent` });
    }
    const known = new Set(product.fields.map((field) => field.name));
    for (const name of fetch.fields ?? []) {
      if (!known.has(name)) problems.push({ path: at('fields'), keyword: 'field', message: `"${fetch.product}" has no field "${name}"` });
    }
    if (form && !uploads.has(requirement.id)) {
      problems.push({ path: `/requirements/${index}/id`, keyword: 'upload', message: 'the form has no upload for this requirement to fall back to' });
    }
  });
  return problems;
}

/**
 * The check at publication (service-admin.service.ts `fetchProblems`): the version's standard and form
 * have passed publishProblems by then; the products come from the exchange.
 */
export function fetchProblemsAgainst(listProducts: () => Promise<readonly FetchableProduct[]>) {
  return async (version: { agencyId: string; standard: unknown; form: unknown }): Promise<StandardProblem[]> => {
    const standard = version.standard as ServiceStandard;
    if (!standard.requirements.some((requirement) => requirement.fetch)) return [];
    return fetchRequirementProblems(standard, version.form as FormSchema, version.agencyId, await listProducts());
  };
}
