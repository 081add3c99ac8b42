// The form engine's public surface: the meta-schema, its check, reading posts, visibility,
// validation, prefill and the views. Modules import from here or from the files themselves.

export { Textarea, type TextareaProps } from '../ui/components/textarea.tsx';
export * from './form-schema.ts';
export { inputId, REMOVE_FILE_FIELD } from './ids.ts';
export { parsePagePost } from './parse.ts';
export { type PrefillProfile, prefill } from './prefill.ts';
export type { FormProblem } from './problems.ts';
export { cleanSubmission, UNKNOWN_PAGE_FIELD, type ValidationOptions, validatePage, validateSubmission } from './validate.ts';
export { type FormSchemaCheck, validateFormSchema } from './validate-schema.ts';
export { CheckAnswers, type CheckAnswersProps } from './views/check-answers.tsx';
export { formErrors } from './views/errors.ts';
export { FormPageFields, type FormPageFieldsProps } from './views/form-page-fields.tsx';
export type { RegionOption, RegionOptions } from './views/regions.ts';
export { isVisible, visibleFields, visiblePages } from './visibility.ts';
