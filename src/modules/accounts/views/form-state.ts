import type { FieldError } from '../../../platform/ui/components/error-summary.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import type { FieldProblem } from '../accounts.service.ts';

/** Problems from a service, as the error summary and the fields show them. */
export function fieldErrors(ctx: PageContext, problems: readonly FieldProblem[]): FieldError[] {
  return problems.map((problem) => ({ field: problem.field, message: ctx.t(problem.key, problem.params) }));
}
