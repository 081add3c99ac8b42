import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Textarea } from '../../ui/components/textarea.tsx';
import { birthRegistrationForm } from '../examples.ts';
import type { FormData, FormPage } from '../form-schema.ts';
import type { FormProblem } from '../problems.ts';
import { base, formOf, TEST_OPTIONS, TEST_REGIONS, testContext } from '../test-support.ts';
import { validatePage } from '../validate.ts';
import { CheckAnswers } from './check-answers.tsx';
import { formErrors } from './errors.ts';
import { FormPageFields } from './form-page-fields.tsx';

const ctx = testContext();
const HOSTILE = '<script>alert(1)</script>';

function page(id: string): FormPage {
  const found = birthRegistrationForm.pages.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no page ${id}`);
  return found;
}

/** The opening tag of the element with this id, to check its attributes on their own. */
function tagWithId(html: string, id: string): string {
  const match = html.match(new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id ${id} in ${html}`);
  return match[0];
}

function render(
  pageId: string,
  data: FormData,
  problems: readonly FormProblem[] = [],
  extra: { prefilled?: Set<string>; fileNames?: Record<string, string> } = {},
) {
  return renderToString(
    <FormPageFields ctx={ctx} page={page(pageId)} data={data} problems={problems} regions={TEST_REGIONS} form={birthRegistrationForm} {...extra} />,
  );
}

describe('FormPageFields', () => {
  it('labels each field and links its hint, prefixing ids so they cannot clash with the page', () => {
    const html = render('child', {});
    expect(html).toContain('<label class="label" for="field-childName">Nama lengkap anak</label>');
    expect(tagWithId(html, 'field-childName')).toContain('name="childName"');
    expect(tagWithId(html, 'field-childName')).toContain('aria-describedby="field-childName-hint"');
    expect(html).toContain('<p id="field-childBirthDate-hint" class="hint">Contoh: 27 3 2024</p>');
    expect(tagWithId(html, 'field-childBirthDate-day')).toContain('name="childBirthDate[day]"');
    expect(tagWithId(html, 'field-childSex')).toContain('type="radio"');
  });

  it('shows each problem above its field, linked from the input, in the page language', () => {
    const problems = validatePage(birthRegistrationForm, 'child', { childBirthDate: '2024-3-' }, TEST_OPTIONS);
    const html = render('child', { childBirthDate: '2024-3-' }, problems);
    expect(html).toContain('<p id="field-childName-error" class="error-message"><span class="visually-hidden">Kesalahan: </span>Isi nama lengkap anak.</p>');
    expect(tagWithId(html, 'field-childName')).toContain('aria-describedby="field-childName-hint field-childName-error"');
    expect(tagWithId(html, 'field-childName')).toContain('aria-invalid="true"');
    expect(html).toContain('Tanggal lahir anak harus berisi tanggal.');
    expect(tagWithId(html, 'field-childBirthDate-day')).toContain('input--error');
    expect(tagWithId(html, 'field-childBirthDate-month')).not.toContain('input--error');
    expect(tagWithId(html, 'field-childBirthDate-month')).toContain('value="3"');
    expect(html).toContain('Pilih jenis kelamin anak.');
  });

  it('keeps answers and escapes them', () => {
    const html = render('child', { childName: HOSTILE, childBirthDate: '2025-03-07', childSex: 'female' });
    expect(html).toContain('id="field-childName" name="childName" type="text" value="&lt;script>alert(1)&lt;/script>"');
    expect(html).not.toContain('<script');
    expect(tagWithId(html, 'field-childBirthDate-day')).toContain('value="7"');
    expect(tagWithId(html, 'field-childSex')).toContain('checked');
  });

  it('renders a field that depends on this page always, with a hint saying when to answer it', () => {
    const html = render('birth-place', {});
    expect(html).toContain('<div class="form-conditional" data-show-when="birthPlaceType" data-show-when-values="other">');
    expect(html).toContain('<p id="field-birthPlaceOther-hint" class="hint">Isi jika Anda memilih “Tempat lain” pada “Di mana anak lahir?”. Misalnya:');
  });

  it('does not render fields hidden by an answer on an earlier page', () => {
    expect(render('father', { fatherRecorded: 'no' })).toBe('');
    expect(render('father', { fatherRecorded: 'yes' })).toContain('for="field-fatherName"');
  });

  it('renders an address as a group: province and regency selects and typed parts', () => {
    const address = { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: HOSTILE };
    const html = render('birth-place', { birthAddress: address });
    expect(html).toContain('<legend class="fieldset__legend">Alamat tempat lahir</legend>');
    expect(tagWithId(html, 'field-birthAddress-province')).toContain('name="birthAddress[provinceCode]"');
    expect(html).toContain('<option value="32" selected>Jawa Barat</option>');
    expect(html).toContain('<option value="32.73" selected>Kota Bandung</option>');
    // With the province known, only its regencies are offered.
    expect(html).not.toContain('Kota Jakarta Pusat');
    expect(tagWithId(html, 'field-birthAddress-street')).toContain('value="&lt;script>');
    expect(html).toContain('<label class="label" for="field-birthAddress-district">Kecamatan (tidak wajib)</label>');
  });

  it('offers every regency with its province while no province is chosen', () => {
    const html = render('birth-place', {});
    expect(html).toContain('<option value="31.71">Kota Jakarta Pusat, DKI Jakarta</option>');
    expect(html).toContain('<option value="32.73">Kota Bandung, Jawa Barat</option>');
  });

  it('shows the address problems on their own parts', () => {
    const problems = validatePage(birthRegistrationForm, 'birth-place', { birthPlaceType: 'home' }, TEST_OPTIONS);
    const html = render('birth-place', { birthPlaceType: 'home' }, problems);
    expect(html).toContain(
      '<p id="field-birthAddress-province-error" class="error-message"><span class="visually-hidden">Kesalahan: </span>Pilih provinsi untuk alamat tempat lahir.</p>',
    );
    expect(tagWithId(html, 'field-birthAddress-street')).toContain('aria-describedby="field-birthAddress-street-hint field-birthAddress-street-error"');
  });

  it('marks answers filled in from the profile', () => {
    const html = render('reporter', { reporterName: 'Siti' }, [], { prefilled: new Set(['reporterName']) });
    expect(html).toContain('<p id="field-reporterName-hint" class="hint">Diisi dari profil Anda.</p>');
    expect(tagWithId(html, 'field-reporterName')).toContain('autocomplete="name"');
    expect(tagWithId(html, 'field-reporterPhone')).toContain('type="tel"');
    expect(html).not.toContain('id="field-reporterPhone-hint" class="hint">Diisi');
  });

  it('renders a file field with its limits and the uploaded files, each with a remove button', () => {
    const html = render('documents', { fatherRecorded: 'no', birthLetter: { fileIds: ['f-1', 'f-2'] } }, [], { fileNames: { 'f-1': `surat${HOSTILE}.pdf` } });
    expect(tagWithId(html, 'field-birthLetter')).toContain('type="file"');
    expect(tagWithId(html, 'field-birthLetter')).toContain('accept="application/pdf,image/jpeg,image/png"');
    expect(tagWithId(html, 'field-birthLetter')).toContain('multiple');
    expect(html).toContain('Berkas PDF, JPG, atau PNG, paling besar 2 MB per berkas. Anda dapat mengunggah paling banyak 2 berkas.');
    expect(html).toContain('<button type="submit" class="link-button" name="removeFile" value="f-1">');
    expect(html).toContain('surat&lt;script>');
    expect(html).toContain('Berkas tanpa nama');
    // Enter in a text box must not press the first remove button.
    expect(html.indexOf('<button')).toBe(html.indexOf('<button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">'));
    expect(html).not.toContain('field-marriageCertificate');
  });

  it('renders in English with English labels and messages', () => {
    const english = testContext('en');
    const problems = validatePage(birthRegistrationForm, 'child', {}, TEST_OPTIONS);
    const html = renderToString(<FormPageFields ctx={english} page={page('child')} data={{}} problems={problems} />);
    expect(html).toContain(`<label class="label" for="field-childName">Child's full name</label>`);
    expect(html).toContain('<span class="visually-hidden">Error: </span>Enter child\'s full name.</p>');
  });

  it('renders a long text as a textarea, a money field grouped, and a point as two inputs', () => {
    const form = formOf({ ...base('story'), type: 'longText' }, { ...base('fee'), type: 'money' }, { ...base('spot', false), type: 'geoPoint' });
    const first = form.pages[0];
    if (!first) throw new Error('no page');
    const html = renderToString(<FormPageFields ctx={ctx} page={first} data={{ story: HOSTILE, fee: 1500000, spot: '-6,2;' }} problems={[]} />);
    expect(html).toContain('<textarea class="textarea" id="field-story" name="story" rows="5">&lt;script>alert(1)&lt;/script></textarea>');
    expect(tagWithId(html, 'field-fee')).toContain('value="1.500.000"');
    expect(html).toContain('Dalam rupiah, misalnya 1.500.000.');
    expect(tagWithId(html, 'field-spot-lat')).toContain('value="-6,2"');
    expect(tagWithId(html, 'field-spot-lng')).toContain('name="spot[lng]"');
  });
});

describe('Textarea', () => {
  it('links hint and error and marks the box in error', () => {
    const html = renderToString(<Textarea ctx={ctx} id="story" label="Cerita" hint="Singkat saja" error="Isi cerita." />);
    expect(html).toContain('class="textarea textarea--error"');
    expect(html).toContain('aria-describedby="story-hint story-error"');
    expect(html).toContain('<label class="label" for="story">Cerita</label>');
  });
});

describe('formErrors', () => {
  it('writes labels and bounds in the page language, whatever the validator used', () => {
    const form = formOf({ ...base('fee'), type: 'money', min: 10000 }, { ...base('nik'), type: 'nik' });
    const problems = [
      { field: 'field-fee', key: 'form.money.min', params: { label: 'isian fee', Label: 'Isian fee', min: 10000 } },
      { field: 'field-nik', key: 'nik.length', params: { label: 'isian nik', Label: 'Isian nik' } },
    ] as const satisfies readonly FormProblem[];
    expect(formErrors(testContext('en'), form, problems)).toEqual([
      // Intl puts a no-break space between the currency and the amount.
      { field: 'field-fee', message: 'Answer fee must be at least IDR\u00a010,000.' },
      { field: 'field-nik', message: 'Answer nik: The NIK must be 16 digits long.' },
    ]);
    expect(formErrors(ctx, form, problems)[0]?.message).toBe('Isian fee paling sedikit Rp\u00a010.000.');
  });

  it('writes a date bound as a date', () => {
    const form = formOf({ ...base('due'), type: 'date', min: '2025-01-31' });
    const problems: FormProblem[] = [{ field: 'field-due-day', key: 'form.date.beforeMin', params: { min: '2025-01-31' } }];
    expect(formErrors(ctx, form, problems)[0]?.message).toBe('Isian due harus 31 Januari 2025 atau sesudahnya.');
  });
});

describe('CheckAnswers', () => {
  const data: FormData = {
    childName: 'Budi <b>',
    childBirthDate: '2025-05-01',
    childSex: 'male',
    birthPlaceType: 'home',
    birthAddress: { provinceCode: '32', regencyCode: '32.73', district: 'Coblong', village: 'Dago', street: 'Jl. Juanda 1' },
    fatherRecorded: 'no',
    alsoIssue: ['family-card', 'child-id'],
    birthLetter: { fileIds: ['f-1'] },
  };
  const html = renderToString(
    <CheckAnswers
      ctx={ctx}
      form={birthRegistrationForm}
      data={data}
      changeHref={(id) => `/apply/akta/${id}`}
      fileNames={{ 'f-1': 'surat.pdf' }}
      regions={TEST_REGIONS}
    />,
  );

  it('lists each page with answers under its title, skipping hidden pages and fields', () => {
    expect(html).toContain('<h2 id="check-child">Data anak</h2>');
    expect(html).not.toContain('Data ayah');
    expect(html).not.toContain('Nama atau keterangan tempat lain');
  });

  it('shows answers as people read them', () => {
    expect(html).toContain('<dd class="summary-list__value">Budi &lt;b></dd>');
    expect(html).toContain('<dd class="summary-list__value">1 Mei 2025</dd>');
    expect(html).toContain('<dd class="summary-list__value">Laki-laki</dd>');
    expect(html).toContain('Jl. Juanda 1, Dago, Coblong, Kota Bandung, Jawa Barat');
    expect(html).toContain('<li>Kartu keluarga baru dengan nama anak</li><li>Kartu Identitas Anak (KIA)</li>');
    expect(html).toContain('<dd class="summary-list__value">surat.pdf</dd>');
    expect(html).toContain('<dd class="summary-list__value">Tidak diisi</dd>');
  });

  it('links each answer to its field for a change, naming it for screen readers', () => {
    expect(html).toContain('<a href="/apply/akta/child#field-childBirthDate-day">Ubah<span class="visually-hidden"> tanggal lahir anak</span></a>');
    expect(html).toContain('href="/apply/akta/birth-place#field-birthAddress-province"');
  });

  it('writes rupiah and numbers for the page language', () => {
    const form = formOf({ ...base('fee'), type: 'money' }, { ...base('area'), type: 'number' });
    const english = renderToString(<CheckAnswers ctx={testContext('en')} form={form} data={{ fee: 1500000, area: 1234.5 }} changeHref={() => '/x'} />);
    expect(english).toContain('<dd class="summary-list__value">IDR\u00a01,500,000</dd>');
    expect(english).toContain('1,234.5');
  });
});
