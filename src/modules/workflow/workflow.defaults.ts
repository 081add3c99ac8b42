import { genericWorkflow } from './workflow.examples.ts';
import { validateWorkflow, type WorkflowDefinition } from './workflow.schema.ts';

/** The workflow of a service version that stores none (versions from before workflows were data). */
export const STANDARD_WORKFLOW: WorkflowDefinition = genericWorkflow;

/**
 * The workflow a service version runs: its stored definition, or the standard one when it has none.
 * A stored definition was validated when saved; one that no longer validates (the schema moved on)
 * falls back too, rather than leaving its applications stuck.
 */
export function workflowOf(stored: unknown): WorkflowDefinition {
  if (stored === null || stored === undefined) return STANDARD_WORKFLOW;
  const check = validateWorkflow(stored);
  return check.ok ? check.workflow : STANDARD_WORKFLOW;
}
