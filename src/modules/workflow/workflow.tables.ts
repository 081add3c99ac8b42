import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the workflow module, as Kysely sees them (camelCase). Keep in step with
// migrations/0014_workflow.sql. The workflow state itself lives on the application row.

export interface ApplicationPauseTable {
  applicationId: string;
  agencyId: string;
  startedAt: Timestamp;
  /** Null while the agency still waits for the applicant. */
  endedAt: Timestamp | null;
}

export type SlaAlertKind = 'warning' | 'breach' | 'escalation';

export interface SlaAlertTable {
  applicationId: string;
  agencyId: string;
  stepSeq: number;
  kind: SlaAlertKind;
  firedAt: Timestamp;
}

export interface ApplicationNoteTable {
  id: Generated<number>;
  applicationId: string;
  agencyId: string;
  authorId: string;
  /** Encrypted under the application's data key. */
  bodyEnc: string;
  createdAt: Timestamp;
}

export interface WorkflowTables {
  applicationPause: ApplicationPauseTable;
  slaAlert: SlaAlertTable;
  applicationNote: ApplicationNoteTable;
}
