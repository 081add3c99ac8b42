import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { type CsrfPair, csrfPair } from '../../../test/security/forms.ts';
import type { SignedInActor } from '../../platform/auth/actor.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { agencyId, sessionCookie, staffAt } from './catalogue.test-support.ts';
import { KTP_EL_REPLACEMENT } from './seed/demo-services-civil.ts';
import { fieldsFromStandard } from './standard-fields.ts';

// The back office through HTTP, as an agency admin's browser uses it: create, edit, preview, publish.

let t: TestApp;
let csrf: CsrfPair;
let bandungAdmin: SignedInActor;
let slemanAdmin: SignedInActor;
let officer: SignedInActor;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
  csrf = await csrfPair(t.app);
  const bandung = await agencyId(t.services, 'disdukcapil-kota-bandung');
  bandungAdmin = await staffAt(t.services, bandung);
  slemanAdmin = await staffAt(t.services, await agencyId(t.services, 'disdukcapil-kabupaten-sleman'));
  officer = await staffAt(t.services, bandung, 'officer');
});
afterAll(async () => t.close());

async function as(actor: SignedInActor | undefined, url: string, fields?: Record<string, string | string[]>) {
  const cookies = actor ? [await sessionCookie(t.services, actor)] : [];
  if (!fields) return t.app.inject({ url, headers: { cookie: cookies.join('; ') } });
  const body = new URLSearchParams({ _csrf: csrf.token });
  for (const [name, value] of Object.entries(fields)) for (const item of [value].flat()) body.append(name, item);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...cookies, csrf.cookie].join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

/** Every field of the editor for a complete KTP-el replacement draft. */
function completeFields(): Record<string, string | string[]> {
  return {
    nameId: 'Uji Penggantian KTP-el',
    nameEn: 'Test e-ID replacement',
    summaryId: KTP_EL_REPLACEMENT.summaryId,
    summaryEn: KTP_EL_REPLACEMENT.summaryEn,
    applicantTypes: ['citizen'],
    channels: ['online', 'counter'],
    priorityGroups: ['elderly', 'pregnant'],
    lifeEvents: ['identity'],
    form: JSON.stringify(KTP_EL_REPLACEMENT.form),
    workflow: JSON.stringify(KTP_EL_REPLACEMENT.workflow),
    outputTemplate: '',
    ...Object.fromEntries(fieldsFromStandard(KTP_EL_REPLACEMENT.standard)),
  };
}

async function createService(code: string): Promise<string> {
  const created = await as(bandungAdmin, '/admin/services', {
    agencyId: bandungAdmin.kind === 'staff' ? (bandungAdmin.grants[0]?.agencyId ?? '') : '',
    code,
    nameId: 'Uji',
    nameEn: 'Test',
  });
  expect(created.statusCode).toBe(303);
  const match = /^\/admin\/services\/versions\/([0-9a-f-]{36})\/edit$/.exec(String(created.headers.location));
  if (!match?.[1]) throw new Error(`unexpected redirect ${created.headers.location}`);
  return match[1];
}

describe('the services back office', () => {
  it('lists only the admin’s own agency’s services, and refuses officers and strangers', async () => {
    const list = await as(bandungAdmin, '/admin/services');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('penggantian-ktp-el-kota-bandung');
    expect(list.body).not.toContain('akta-kelahiran-kabupaten-sleman');
    expect(list.body).toContain('<strong class="tag tag--green">Berlaku</strong>');
    expect((await as(officer, '/admin/services')).statusCode).toBe(403);
    expect((await as(officer, '/admin/services', { agencyId: '', code: 'x', nameId: 'x', nameEn: 'x' })).statusCode).toBe(403);
    const anonymous = await as(undefined, '/admin/services');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toContain('/sign-in');
  });

  it('creates a service, saves a complete draft, previews and publishes it', async () => {
    const versionId = await createService('uji-alur-lengkap');
    const empty = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`);
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('hal masih harus dilengkapi sebelum diterbitkan');
    expect(empty.body).toContain('id="std.requirements.0.label.id"');
    expect(empty.body).toContain('id="std.requirements.1.label.id"');

    const saved = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`, completeFields());
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe(`/admin/services/versions/${versionId}/edit?saved=1`);
    const editor = await as(bandungAdmin, String(saved.headers.location));
    expect(editor.body).toContain('Draf tersimpan.');
    expect(editor.body).toContain('Draf ini lengkap dan siap diterbitkan.');
    expect(editor.body).toContain('value="Surat keterangan kehilangan dari kepolisian"');
    // Three requirements and two blank rows for more.
    expect(editor.body).toContain('id="std.requirements.4.label.id"');
    expect(editor.body).not.toContain('id="std.requirements.5.label.id"');

    const preview = await as(bandungAdmin, `/admin/services/versions/${versionId}/preview`);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Ini pratinjau draf versi 1.');
    expect(preview.body).toContain('<h1>Uji Penggantian KTP-el</h1>');
    expect(preview.body).not.toContain('/apply"');
    expect((await as(undefined, '/services/uji-alur-lengkap')).statusCode).toBe(404);

    const confirm = await as(bandungAdmin, `/admin/services/versions/${versionId}/publish`);
    expect(confirm.body).toContain('Ya, terbitkan');
    const published = await as(bandungAdmin, `/admin/services/versions/${versionId}/publish`, {});
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe('/services/uji-alur-lengkap');
    const publicPage = await as(undefined, '/services/uji-alur-lengkap');
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('href="/services/uji-alur-lengkap/apply"');

    // A published version is not edited: the editor sends to its page, and a post is refused.
    const again = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`);
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/admin/services/versions/${versionId}/preview`);
    expect((await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`, completeFields())).statusCode).toBe(409);
  });

  it('keeps what was typed and links each error to its field when a save is refused', async () => {
    const versionId = await createService('uji-salah-isi');
    const fields = {
      ...completeFields(),
      'std.timeLimit.workingDays': 'dua minggu',
      'std.cost.kind': 'paid',
      'std.cost.amount': '',
      form: '{"schemaVersion": 1',
    };
    const response = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`, fields);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#std.timeLimit.workingDays"');
    expect(response.body).toContain('href="#std.cost.amount"');
    expect(response.body).toContain('href="#form"');
    expect(response.body).toContain('value="dua minggu"');
    expect(response.body).toContain('Isi dengan objek JSON yang valid');
    expect((await t.services.catalogue.getVersion(versionId))?.nameId).toBe('Uji');
  });

  it('edits the workflow as JSON, starting from the standard one, and shows its steps readably', async () => {
    const versionId = await createService('uji-alur-kerja');
    const fresh = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`);
    expect(fresh.body).toContain('id="workflow"');
    expect(fresh.body).toContain('&quot;shareOfTimeLimit&quot;: 20');
    expect(fresh.body).toContain('memakai alur kerja standar');

    const saved = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`, completeFields());
    expect(saved.statusCode).toBe(303);
    const editor = await as(bandungAdmin, String(saved.headers.location));
    expect(editor.body).toContain('Pratinjau alur kerja');
    expect(editor.body).toContain('Periksa surat kehilangan');
    expect(editor.body).toContain('Supervisor, Kantor Disdukcapil Kota Bandung');
    expect(editor.body).toContain('Petugas layanan, unit mana pun');
    expect(editor.body).toContain('Hanya jika Alasan penggantian: KTP-el hilang');
    expect(editor.body).toContain('20% (± 2,8 hari kerja)');
  });

  it('refuses a workflow that does not validate, listing its problems under a heading in the admin’s language', async () => {
    const versionId = await createService('uji-alur-salah');
    const broken = structuredClone(KTP_EL_REPLACEMENT.workflow);
    broken.steps[3] = { ...broken.steps[3], actions: ['advance'] } as (typeof broken.steps)[3];
    const response = await as(bandungAdmin, `/admin/services/versions/${versionId}/edit`, { ...completeFields(), workflow: JSON.stringify(broken) });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('href="#workflow"');
    expect(response.body).toContain('Alur kerja belum benar (2 masalah)');
    expect(response.body).toContain('Masalah pada alur kerja (2)');
    expect(response.body).toContain('the last step must allow');
    // What was typed is kept; nothing was saved.
    expect(response.body).toContain('&quot;advance&quot;');
    expect((await t.services.catalogue.getVersion(versionId))?.workflow).toBeNull();
    expect((await t.services.catalogue.getVersion(versionId))?.nameId).toBe('Uji');
  });

  it('will not publish an incomplete draft, and lists what is missing', async () => {
    const versionId = await createService('uji-belum-lengkap');
    const page = await as(bandungAdmin, `/admin/services/versions/${versionId}/publish`);
    expect(page.body).toContain('Draf ini belum dapat diterbitkan.');
    expect(page.body).not.toContain('Ya, terbitkan');
    const attempt = await as(bandungAdmin, `/admin/services/versions/${versionId}/publish`, {});
    expect(attempt.statusCode).toBe(422);
    expect(attempt.body).toContain(`href="/admin/services/versions/${versionId}/edit#form"`);
  });

  it('starts a new version from the list, as a copy of the published one', async () => {
    const service = await t.services.accountsRepository.agencyIdByCode('disdukcapil-kota-bandung');
    const list = await t.services.serviceAdmin.list(bandungAdmin, service);
    const ktp = list.find((item) => item.code === KTP_EL_REPLACEMENT.code);
    if (!ktp) throw new Error('demo service missing');
    const response = await as(bandungAdmin, `/admin/services/${ktp.id}/versions`, {});
    expect(response.statusCode).toBe(303);
    const editor = await as(bandungAdmin, String(response.headers.location));
    expect(editor.body).toContain('Versi 2');
    expect(editor.body).toContain(`value="${KTP_EL_REPLACEMENT.nameId}"`);
  });

  it('answers an agency admin of another agency as if the draft did not exist', async () => {
    const versionId = await createService('uji-instansi-lain');
    for (const page of ['edit', 'preview', 'publish']) {
      expect((await as(slemanAdmin, `/admin/services/versions/${versionId}/${page}`)).statusCode, page).toBe(404);
    }
    expect((await as(slemanAdmin, `/admin/services/versions/${versionId}/edit`, completeFields())).statusCode).toBe(404);
    expect((await as(slemanAdmin, `/admin/services/versions/${versionId}/publish`, {})).statusCode).toBe(404);
    const bandung = await agencyId(t.services, 'disdukcapil-kota-bandung');
    expect((await as(slemanAdmin, '/admin/services', { agencyId: bandung, code: 'uji-titipan', nameId: 'x', nameEn: 'x' })).statusCode).toBe(404);
    expect((await t.services.catalogue.getVersion(versionId))?.nameId).toBe('Uji');
  });
});
