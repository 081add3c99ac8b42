import { localDate } from '../../platform/calendar/working-days.ts';
import type { Database } from '../../platform/db/database.ts';
import type { BudgetService } from './budget.service.ts';

// Demo budgets: every agency with an admin gets this year's programmes, uploaded as its admin would
// (through the same CSV check), so the dashboard and the open-data file show spending beside services.

const PROGRAMMES = [
  { code: 'WA.01', name: 'Program Penunjang Urusan Pemerintahan', share: 0.42, spent: 0.71 },
  { code: 'WA.02', name: 'Program Pendaftaran Penduduk dan Pelayanan Perizinan', share: 0.35, spent: 0.64, services: true },
  { code: 'WA.03', name: 'Program Pengelolaan Informasi dan Digitalisasi Layanan', share: 0.23, spent: 0.48, services: true },
];

export async function seedDemoBudget(db: Database, services: { budget: BudgetService }, now: Date = new Date()): Promise<{ agencies: number }> {
  const existing = await db.selectFrom('budgetUpload').select('id').limit(1).executeTakeFirst();
  if (existing) return { agencies: 0 };
  const admins = await db
    .selectFrom('staffRole')
    .select(['accountId', 'agencyId'])
    .where('role', '=', 'agency_admin')
    .where('agencyId', 'is not', null)
    .orderBy('grantedAt')
    .execute();
  const today = localDate(now);
  let agencies = 0;
  for (const [position, admin] of admins.entries()) {
    const agencyId = admin.agencyId as string;
    const codes = (await db.selectFrom('service').select('code').where('agencyId', '=', agencyId).orderBy('code').execute()).map((row) => row.code);
    // A ceiling in the tens of billions of rupiah, as a city office has; different per agency.
    const total = 38_500_000_000 + position * 7_250_000_000;
    const rows = PROGRAMMES.map((programme, index) => {
      const budget = Math.round(total * programme.share);
      const named = programme.services ? codes.filter((_, at) => at % 2 === index % 2).join(' ') : '';
      return [today.slice(0, 4), programme.code, programme.name, named, String(budget), String(Math.round(budget * programme.spent)), today].join(',');
    });
    const text = ['tahun_anggaran,kode_program,nama_program,kode_layanan,pagu,realisasi,tanggal_posisi', ...rows].join('\n');
    const outcome = await services.budget.upload(agencyId, { name: `anggaran-${today.slice(0, 4)}.csv`, text }, today, {
      actor: { accountId: admin.accountId, role: 'agency_admin', agencyId },
      origin: { ip: '127.0.0.1', requestId: 'demo-seed' },
    });
    if (!outcome.ok) throw new Error(`demo budget refused: ${JSON.stringify(outcome.errors.slice(0, 3))}`);
    agencies += 1;
  }
  return { agencies };
}
