import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestDatabase } from '../../../test/helpers/db.ts';
import type { Services } from '../../services.ts';
import { findDuplicates } from './complaints.duplicates.ts';
import {
  COMPLAINT_ORIGIN,
  type ComplaintsFixture,
  createComplaintsFixture,
  createComplaintsTestServices,
  fileComplaint,
  forwardedComplaint,
} from './complaints.test-support.ts';

let database: TestDatabase;
let services: Services;
let close: () => Promise<void>;
let fx: ComplaintsFixture;

beforeAll(async () => {
  ({ database, services, close } = await createComplaintsTestServices());
  fx = await createComplaintsFixture(services, database.db);
});

afterAll(async () => {
  await close?.();
});

const POTHOLE = {
  categoryCode: 'infrastruktur-jalan',
  title: 'Jalan berlubang besar di depan SDN 5 Coblong',
  description: 'Ada lubang besar di Jalan Dago depan SDN 5 Coblong, sudah dua minggu tidak diperbaiki dan membahayakan pengendara motor.',
  latitude: -6.8846,
  longitude: 107.6131,
};

describe('duplicates', () => {
  it('suggests a report filed twice in almost the same words at almost the same place', async () => {
    const first = await forwardedComplaint(services, fx, { overrides: POTHOLE });
    // Unrelated reports: other words near by, and the same words far away (Surabaya).
    await forwardedComplaint(services, fx, {
      overrides: {
        title: 'Sampah menumpuk di pasar',
        description: 'Sampah di Pasar Simpang tidak diangkut sejak hari Senin dan baunya sampai ke rumah warga.',
        latitude: -6.8847,
        longitude: 107.6132,
      },
    });
    const farAway = await forwardedComplaint(services, fx, { overrides: { ...POTHOLE, latitude: -7.2575, longitude: 112.7521 } });

    const draft = {
      title: 'Jalan berlubang di depan SDN 5 Coblong',
      description: 'Lubang besar di Jalan Dago depan SDN 5 Coblong sudah dua minggu tidak diperbaiki, membahayakan pengendara motor.',
      latitude: -6.8848,
      longitude: 107.6133,
    };
    const suggestions = await services.complaints.suggestDuplicates(draft);
    expect(suggestions[0]).toMatchObject({ trackingId: first, isPublic: true });
    expect(suggestions[0]?.similarity).toBeGreaterThan(0.5);
    expect(suggestions[0]?.distanceMetres).toBeLessThan(100);
    // The same words far away rank below the near one; other words are not suggested at all.
    expect(suggestions.map((s) => s.trackingId)).toEqual([first, farAway]);
    expect(suggestions[1]?.distanceMetres).toBeGreaterThan(500_000);

    // At triage, the desk sees the new report's duplicates, secret ones too.
    const { trackingId: second } = await fileComplaint(
      services,
      { kind: 'account', accountId: fx.citizen.accountId },
      { ...POTHOLE, ...draft, isSecret: true },
    );
    const atDesk = await services.complaints.staffView(fx.desk, second, COMPLAINT_ORIGIN);
    expect(atDesk?.duplicates.map((d) => d.trackingId)).toEqual([first, farAway]);
    // Filing pages see public reports only: the secret, unverified second report is never suggested to them.
    expect((await services.complaints.suggestDuplicates(draft)).map((s) => s.trackingId)).not.toContain(second);
    expect((await findDuplicates(database.db, { ...draft, audience: { kind: 'desk' } })).map((s) => s.trackingId)).toContain(second);
  });

  it('suggests nothing for an unrelated draft, and ignores closed and merged reports', async () => {
    expect(
      await services.complaints.suggestDuplicates({
        title: 'Pelayanan puskesmas lambat',
        description: 'Antrean di puskesmas sangat panjang dan dokter datang terlambat setiap hari.',
      }),
    ).toEqual([]);
    const { trackingId } = await fileComplaint(
      services,
      { kind: 'account', accountId: fx.citizen.accountId },
      {
        title: 'Lampu jalan mati di Jalan Riau',
        description: 'Semua lampu jalan di Jalan Riau mati sejak seminggu, jalan gelap sekali pada malam hari.',
      },
    );
    await services.complaints.act(fx.desk, trackingId, { type: 'archive', reason: 'other', message: 'Sudah ditangani PLN.' }, COMPLAINT_ORIGIN);
    const found = await findDuplicates(database.db, {
      title: 'Lampu jalan mati di Jalan Riau',
      description: 'Semua lampu jalan di Jalan Riau mati sejak seminggu, jalan gelap sekali pada malam hari.',
      audience: { kind: 'desk' },
    });
    expect(found).toEqual([]);
  });
});
