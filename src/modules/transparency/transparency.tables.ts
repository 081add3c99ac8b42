import type { Generated } from 'kysely';
import type { Timestamp } from '../../platform/db/column-types.ts';

// Tables owned by the transparency module (migrations/0019_transparency.sql), as Kysely sees them.
// Dates (`date` columns) are read as yyyy-mm-dd text: see the type parser in transparency.fold.ts.

export type FoldSource = 'application' | 'complaint';

export interface TransparencyWatermarkTable {
  source: FoldSource;
  lastEventId: string | number;
  backfillAfter: string | null;
  backfillDone: boolean;
  foldedAt: Timestamp | null;
}

export interface TransparencyApplicationFactTable {
  applicationId: string;
  agencyId: string;
  serviceId: string;
  unitId: string | null;
  receivedOn: string;
  completedOn: string | null;
  durationDays: number | null;
  onTime: boolean | null;
  isOpen: boolean;
  dueOn: string;
}

export interface TransparencyApplicationDailyTable {
  day: string;
  agencyId: string;
  serviceId: string;
  unitId: string | null;
  received: number;
  completed: number;
  completedOnTime: number;
  openByReceived: number;
  openByDue: number;
}

export interface TransparencyApplicationDurationTable {
  day: string;
  agencyId: string;
  serviceId: string;
  unitId: string | null;
  durationDays: number;
  completed: number;
}

export interface TransparencyComplaintFactTable {
  complaintId: string;
  agencyId: string | null;
  unitId: string | null;
  receivedOn: string | null;
  forwardedOn: string | null;
  forwardedOnTime: boolean | null;
  resolvedOn: string | null;
  resolvedOnTime: boolean | null;
  ratedOn: string | null;
  rating: number | null;
  isOpen: boolean;
  dueOn: string | null;
}

export interface TransparencyComplaintDailyTable {
  day: string;
  agencyId: string | null;
  unitId: string | null;
  received: number;
  forwarded: number;
  forwardedOnTime: number;
  resolved: number;
  resolvedOnTime: number;
  ratings: number;
  ratingSum: number;
  open: number;
  openByDue: number;
}

export interface TransparencyTables {
  transparencyWatermark: TransparencyWatermarkTable;
  transparencyApplicationFact: TransparencyApplicationFactTable;
  transparencyApplicationDaily: TransparencyApplicationDailyTable;
  transparencyApplicationDuration: TransparencyApplicationDurationTable;
  transparencyComplaintFact: TransparencyComplaintFactTable;
  transparencyComplaintDaily: TransparencyComplaintDailyTable;
  budgetUpload: BudgetUploadTable;
  budgetLine: BudgetLineTable;
}

// migrations/0023_budget.sql: numeric columns are read as text (exact), dates as yyyy-mm-dd text.
export interface BudgetUploadTable {
  id: Generated<string>;
  agencyId: string;
  fiscalYear: number;
  uploadedBy: string;
  uploadedAt: Timestamp;
  fileName: string;
  fileSha256: Buffer;
  lineCount: number;
  budgetTotal: string;
  realizationTotal: string;
}

export interface BudgetLineTable {
  agencyId: string;
  fiscalYear: number;
  programmeCode: string;
  programmeName: string;
  serviceIds: string[];
  budget: string;
  realization: string;
  asOf: string;
  uploadId: string;
}
