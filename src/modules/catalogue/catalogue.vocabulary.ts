import type { ApplicantType, PriorityGroup, ServiceChannel } from './catalogue.tables.ts';

/**
 * The closed lists a service version is described with. Life events group services the way people
 * meet them ("I am having a baby", "I am moving"), not by agency; each has a label in the messages
 * file under `catalogue.lifeEvent.<event>`.
 */
export const LIFE_EVENTS = [
  'birth',
  'identity',
  'marriage',
  'moving',
  'work',
  'business',
  'building',
  'health',
  'social',
  'security',
  'retiring',
  'death',
] as const;
export type LifeEvent = (typeof LIFE_EVENTS)[number];

export const APPLICANT_TYPES: readonly ApplicantType[] = ['citizen', 'business'];
export const CHANNELS: readonly ServiceChannel[] = ['online', 'counter'];
export const PRIORITY_GROUPS: readonly PriorityGroup[] = ['elderly', 'disabled', 'pregnant'];

export function isLifeEvent(value: string): value is LifeEvent {
  return (LIFE_EVENTS as readonly string[]).includes(value);
}

export function isApplicantType(value: string): value is ApplicantType {
  return (APPLICANT_TYPES as readonly string[]).includes(value);
}
