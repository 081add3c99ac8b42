import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { formatters, type Locale, translator } from '../../i18n/index.ts';
import type { PageContext } from '../context.ts';
import { Checkboxes, DateInput, FileInput, NotificationBanner, Pagination, Radios, Select, SummaryList, Table, Tag, TextInput, Timeline } from './index.ts';
import { pageItems } from './pagination.tsx';

const HOSTILE = '<script>alert(1)</script>';

function createContext(locale: Locale = 'id'): PageContext {
  return {
    locale,
    t: translator(locale),
    format: formatters(locale),
    path: '/',
    requestId: 'test-request',
    cssHref: '/assets/app.css',
    signedIn: false,
    csrfToken: () => 'test-token',
  };
}

const ctx = createContext();

function expectEscaped(html: string) {
  expect(html).toContain('&lt;script');
  expect(html).not.toContain('<script');
}

/** The opening tag of the element with this id, to check its attributes on their own. */
function tagWithId(html: string, id: string): string {
  const match = html.match(new RegExp(`<[a-z]+ [^>]*id="${id}"[^>]*>`));
  if (!match) throw new Error(`no element with id ${id} in ${html}`);
  return match[0];
}

const ITEMS = [
  { value: 'ktp', label: 'KTP' },
  { value: 'kk', label: 'Kartu Keluarga', hint: 'Terbitan dua tahun terakhir' },
  { value: 'akta', label: 'Akta kelahiran' },
];

describe('Radios', () => {
  it('gives the first radio the group id and the others numbered ids, all with one name', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" name="documentType" legend="Dokumen apa?" items={ITEMS} />);
    expect(tagWithId(html, 'document')).toContain('type="radio"');
    expect(tagWithId(html, 'document')).toContain('value="ktp"');
    expect(tagWithId(html, 'document-2')).toContain('value="kk"');
    expect(tagWithId(html, 'document-3')).toContain('value="akta"');
    expect(html.match(/name="documentType"/g)).toHaveLength(3);
    expect(html).toContain('<label for="document-2">Kartu Keluarga</label>');
  });

  it('checks only the radio whose value is given', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" items={ITEMS} value="kk" />);
    expect(tagWithId(html, 'document-2')).toContain('checked');
    expect(tagWithId(html, 'document')).not.toContain('checked');
    expect(tagWithId(html, 'document-3')).not.toContain('checked');
    expect(html.match(/checked/g)).toHaveLength(1);
  });

  it('links an item hint to its own radio without clashing with the group hint', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" hint="Pilih satu" items={ITEMS} />);
    expect(tagWithId(html, 'document-2')).toContain('aria-describedby="document-2-item-hint"');
    expect(html).toContain('<p id="document-2-item-hint" class="hint">Terbitan dua tahun terakhir</p>');
    expect(html).toContain('<p id="document-hint" class="hint">Pilih satu</p>');
    expect(html.match(/id="document-hint"/g)).toHaveLength(1);
  });

  it('links hint and error to the fieldset and marks the group in error', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" hint="Pilih satu" error="Pilih dokumen" items={ITEMS} />);
    expect(html).toMatch(/^<div class="form-group form-group--error">/);
    expect(html).toContain('<fieldset class="fieldset" aria-describedby="document-hint document-error">');
    expect(html).toContain('<p id="document-error" class="error-message"><span class="visually-hidden">Kesalahan: </span>Pilih dokumen</p>');
  });

  it('has no aria-describedby or error class without hint and error, and the name defaults to the id', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" items={ITEMS} />);
    expect(html).toContain('<fieldset class="fieldset"><legend');
    expect(tagWithId(html, 'document')).not.toContain('aria-describedby');
    expect(html).not.toContain('form-group--error');
    expect(html.match(/name="document"/g)).toHaveLength(3);
  });

  it('puts the legend in an h1 when it is the page heading', () => {
    const html = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" legendAsHeading items={ITEMS} />);
    expect(html).toContain('<legend class="fieldset__legend fieldset__legend--l"><h1>Dokumen apa?</h1></legend>');
    const plain = renderToString(<Radios ctx={ctx} id="document" legend="Dokumen apa?" items={ITEMS} />);
    expect(plain).toContain('<legend class="fieldset__legend">Dokumen apa?</legend>');
    expect(plain).not.toContain('<h1>');
  });

  it('escapes hostile legend, labels, hints and values', () => {
    const html = renderToString(
      <Radios
        ctx={ctx}
        id="document"
        legend={HOSTILE}
        hint={HOSTILE}
        error={HOSTILE}
        items={[{ value: '"><script>x</script>', label: HOSTILE, hint: HOSTILE }]}
      />,
    );
    expectEscaped(html);
    expect(html).toContain('value="&quot;>&lt;script>x&lt;/script>"');
  });
});

describe('Checkboxes', () => {
  it('checks every given value and no other', () => {
    const html = renderToString(<Checkboxes ctx={ctx} id="documents" legend="Dokumen" items={ITEMS} values={['ktp', 'akta']} />);
    expect(tagWithId(html, 'documents')).toContain('checked');
    expect(tagWithId(html, 'documents-2')).not.toContain('checked');
    expect(tagWithId(html, 'documents-3')).toContain('checked');
    expect(html.match(/type="checkbox"/g)).toHaveLength(3);
    expect(html.match(/name="documents"/g)).toHaveLength(3);
  });

  it('checks nothing when no values are given', () => {
    const html = renderToString(<Checkboxes ctx={ctx} id="documents" legend="Dokumen" items={ITEMS} />);
    expect(html).not.toContain('checked');
  });

  it('links the error to the fieldset and marks the group in error', () => {
    const html = renderToString(<Checkboxes ctx={ctx} id="documents" legend="Dokumen" error="Pilih minimal satu" items={ITEMS} />);
    expect(html).toContain('form-group--error');
    expect(html).toContain('<fieldset class="fieldset" aria-describedby="documents-error">');
    expect(html).toContain('id="documents-error"');
  });

  it('adds the optional marker to the legend', () => {
    const html = renderToString(<Checkboxes ctx={ctx} id="documents" legend="Dokumen" optional items={ITEMS} />);
    expect(html).toContain('<legend class="fieldset__legend">Dokumen (tidak wajib)</legend>');
  });

  it('escapes hostile labels', () => {
    expectEscaped(renderToString(<Checkboxes ctx={ctx} id="documents" legend="Dokumen" items={[{ value: 'x', label: HOSTILE }]} />));
  });
});

const PROVINCES = [
  { value: '31', label: 'DKI Jakarta' },
  { value: '32', label: 'Jawa Barat' },
];

describe('Select', () => {
  it('starts with an empty "choose one" option and selects the given value', () => {
    const html = renderToString(<Select ctx={ctx} id="province" label="Provinsi" options={PROVINCES} value="32" />);
    // An empty attribute is the empty string in HTML, so the placeholder posts nothing.
    expect(html).toContain('<option value>Pilih salah satu</option>');
    expect(html).toContain('<option value="32" selected>Jawa Barat</option>');
    expect(html).toContain('<option value="31">DKI Jakarta</option>');
    expect(html.indexOf('<option value>')).toBeLessThan(html.indexOf('value="31"'));
  });

  it('uses the English text for the empty option in English', () => {
    const html = renderToString(<Select ctx={createContext('en')} id="province" label="Province" options={PROVINCES} />);
    expect(html).not.toContain('Pilih salah satu');
    expect(html).not.toContain('selected');
  });

  it('links the label, hint and error to the select', () => {
    const html = renderToString(
      <Select ctx={ctx} id="province" name="provinceCode" label="Provinsi" hint="Tempat tinggal Anda" error="Pilih provinsi" options={PROVINCES} />,
    );
    expect(html).toContain('<label class="label" for="province">Provinsi</label>');
    const select = tagWithId(html, 'province');
    expect(select).toContain('class="select select--error"');
    expect(select).toContain('name="provinceCode"');
    expect(select).toContain('aria-describedby="province-hint province-error"');
    expect(select).toContain('aria-invalid="true"');
    expect(html).toContain('form-group--error');
  });

  it('has no error class or aria-invalid without an error', () => {
    const select = tagWithId(renderToString(<Select ctx={ctx} id="province" label="Provinsi" options={PROVINCES} />), 'province');
    expect(select).toContain('class="select"');
    expect(select).not.toContain('aria-invalid');
    expect(select).not.toContain('aria-describedby');
  });

  it('escapes hostile option labels', () => {
    expectEscaped(renderToString(<Select ctx={ctx} id="province" label="Provinsi" options={[{ value: 'x', label: HOSTILE }]} />));
  });
});

describe('DateInput', () => {
  it('renders day, month and year with their ids, names, labels and numeric keyboards', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" name="birthDate" legend="Tanggal lahir" />);
    expect(tagWithId(html, 'birth-day')).toContain('name="birthDate[day]"');
    expect(tagWithId(html, 'birth-month')).toContain('name="birthDate[month]"');
    expect(tagWithId(html, 'birth-year')).toContain('name="birthDate[year]"');
    for (const part of ['day', 'month', 'year']) {
      expect(tagWithId(html, `birth-${part}`)).toContain('inputmode="numeric"');
    }
    expect(html).toContain('<label class="label" for="birth-day">Tanggal</label>');
    expect(html).toContain('<label class="label" for="birth-month">Bulan</label>');
    expect(html).toContain('<label class="label" for="birth-year">Tahun</label>');
    expect(tagWithId(html, 'birth-year')).toContain('input--width-4');
  });

  it('defaults the name to the id and keeps typed values', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend="Tanggal lahir" value={{ day: '31', month: '2', year: '1990' }} />);
    expect(tagWithId(html, 'birth-day')).toContain('name="birth[day]"');
    expect(tagWithId(html, 'birth-day')).toContain('value="31"');
    expect(tagWithId(html, 'birth-month')).toContain('value="2"');
    expect(tagWithId(html, 'birth-year')).toContain('value="1990"');
  });

  it('highlights every part on an error and links the error to the fieldset', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend="Tanggal lahir" hint="Contoh: 27 3 1990" error="Masukkan tanggal lahir" />);
    expect(html).toContain('<fieldset class="fieldset" aria-describedby="birth-hint birth-error">');
    expect(html).toContain('id="birth-error"');
    for (const part of ['day', 'month', 'year']) {
      expect(tagWithId(html, `birth-${part}`)).toContain('input--error');
      expect(tagWithId(html, `birth-${part}`)).toContain('aria-invalid="true"');
    }
  });

  it('highlights only the parts in error when told which', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend="Tanggal lahir" error="Bulan harus 1 sampai 12" errorParts={['month']} />);
    expect(tagWithId(html, 'birth-month')).toContain('input--error');
    expect(tagWithId(html, 'birth-day')).not.toContain('input--error');
    expect(tagWithId(html, 'birth-year')).not.toContain('input--error');
  });

  it('highlights nothing without an error', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend="Tanggal lahir" errorParts={['month']} />);
    expect(html).not.toContain('input--error');
    expect(html).not.toContain('aria-invalid');
  });

  it('asks the browser to fill in a date of birth', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend="Tanggal lahir" autocomplete="bday" />);
    expect(tagWithId(html, 'birth-day')).toContain('autocomplete="bday-day"');
    expect(tagWithId(html, 'birth-year')).toContain('autocomplete="bday-year"');
  });

  it('escapes hostile typed values', () => {
    const html = renderToString(<DateInput ctx={ctx} id="birth" legend={HOSTILE} value={{ day: '"><script>' }} />);
    expectEscaped(html);
    expect(html).toContain('value="&quot;>&lt;script>"');
  });
});

describe('FileInput', () => {
  it('renders a file input with accept, label, hint and error linked', () => {
    const html = renderToString(
      <FileInput
        ctx={ctx}
        id="ktp-scan"
        name="ktpScan"
        label="Foto KTP"
        hint="PDF atau JPG, paling besar 2 MB"
        error="Pilih berkas"
        accept="application/pdf,image/jpeg"
      />,
    );
    const input = tagWithId(html, 'ktp-scan');
    expect(input).toContain('type="file"');
    expect(input).toContain('name="ktpScan"');
    expect(input).toContain('accept="application/pdf,image/jpeg"');
    expect(input).toContain('aria-describedby="ktp-scan-hint ktp-scan-error"');
    expect(input).toContain('input--error');
    expect(html).toContain('<label class="label" for="ktp-scan">Foto KTP</label>');
  });

  it('has no accept, error class or describedby when not given', () => {
    const input = tagWithId(renderToString(<FileInput ctx={ctx} id="scan" label="Berkas" />), 'scan');
    expect(input).toContain('name="scan"');
    expect(input).not.toContain('accept');
    expect(input).not.toContain('input--error');
    expect(input).not.toContain('aria-describedby');
  });

  it('escapes a hostile label', () => {
    expectEscaped(renderToString(<FileInput ctx={ctx} id="scan" label={HOSTILE} />));
  });
});

describe('TextInput', () => {
  it('keeps its type', () => {
    expect(tagWithId(renderToString(<TextInput ctx={ctx} id="email" label="Email" type="email" />), 'email')).toContain('type="email"');
  });
});

describe('SummaryList', () => {
  it('renders rows as a description list with change links completed for screen readers', () => {
    const html = renderToString(
      <SummaryList
        rows={[
          { key: 'Nama', value: 'Siti Rahma', action: { href: '/apply/name', text: 'Ubah', visuallyHiddenText: 'nama' } },
          { key: 'NIK', value: '3171234567890001' },
        ]}
      />,
    );
    expect(html).toMatch(/^<dl class="summary-list">/);
    expect(html).toContain(
      '<div class="summary-list__row"><dt class="summary-list__key">Nama</dt><dd class="summary-list__value">Siti Rahma</dd><dd class="summary-list__actions"><a href="/apply/name">Ubah<span class="visually-hidden"> nama</span></a></dd></div>',
    );
    expect(html.match(/summary-list__actions/g)).toHaveLength(1);
  });

  it('accepts markup as a value and escapes hostile text', () => {
    const html = renderToString(
      <SummaryList rows={[{ key: HOSTILE, value: <span>{HOSTILE}</span>, action: { href: '/x', text: 'Ubah', visuallyHiddenText: HOSTILE } }]} />,
    );
    expectEscaped(html);
    expect(html).toContain('<dd class="summary-list__value"><span>&lt;script>');
  });
});

describe('Table', () => {
  const columns = [{ header: 'Layanan' }, { header: 'Permohonan', numeric: true }];

  it('renders a caption, column headers and right-aligned numeric cells inside a scroll wrapper', () => {
    const html = renderToString(<Table caption="Permohonan per layanan" columns={columns} rows={[['KTP', '1.204']]} />);
    expect(html).toMatch(/^<div class="table-wrap"><table class="table"><caption>Permohonan per layanan<\/caption>/);
    expect(html).toContain('<th scope="col">Layanan</th><th scope="col" class="num">Permohonan</th>');
    expect(html).toContain('<tr><td>KTP</td><td class="num">1.204</td></tr>');
  });

  it('makes the first cell a row header when asked', () => {
    const html = renderToString(<Table caption="c" columns={columns} rows={[['KTP', '3']]} firstCellIsHeader />);
    expect(html).toContain('<tr><th scope="row">KTP</th><td class="num">3</td></tr>');
  });

  it('marks the sorted column', () => {
    const html = renderToString(
      <Table caption="c" columns={[{ header: <a href="?sort=name">Layanan</a>, sort: 'ascending' }, { header: 'Jumlah' }]} rows={[]} />,
    );
    expect(html).toContain('<th scope="col" aria-sort="ascending"><a href="?sort=name">Layanan</a></th><th scope="col">Jumlah</th>');
  });

  it('escapes hostile cells and captions', () => {
    expectEscaped(renderToString(<Table caption={HOSTILE} columns={[{ header: HOSTILE }]} rows={[[HOSTILE]]} />));
  });
});

describe('Tag', () => {
  it('shows its text with a colour class', () => {
    expect(renderToString(<Tag text="Diproses" colour="blue" />)).toBe('<strong class="tag tag--blue">Diproses</strong>');
    expect(renderToString(<Tag text="Ditolak" colour="red" />)).toBe('<strong class="tag tag--red">Ditolak</strong>');
  });

  it('is grey by default', () => {
    expect(renderToString(<Tag text="Diterima" />)).toBe('<strong class="tag tag--grey">Diterima</strong>');
  });

  it('escapes hostile text', () => {
    expectEscaped(renderToString(<Tag text={HOSTILE} colour="green" />));
  });
});

describe('Timeline', () => {
  const events = [
    { title: 'Permohonan disetujui', meta: 'Dinas Kependudukan · 5 Januari 2027', body: <p>KTP siap diambil.</p> },
    { title: 'Permohonan diterima', meta: 'Loket · 3 Januari 2027' },
  ];

  it('lists events in the order given, labelled for screen readers', () => {
    const html = renderToString(<Timeline ctx={ctx} events={events} />);
    expect(html).toMatch(/^<ol class="timeline" aria-label="Riwayat">/);
    expect(html.match(/<li class="timeline__item">/g)).toHaveLength(2);
    expect(html.indexOf('Permohonan disetujui')).toBeLessThan(html.indexOf('Permohonan diterima'));
    expect(html).toContain('<p class="timeline__meta">Loket · 3 Januari 2027</p>');
    expect(html).toContain('<div><p>KTP siap diambil.</p></div>');
    expect(html.match(/<div>/g)).toHaveLength(1);
  });

  it('renders nothing when there are no events', () => {
    expect(renderToString(<Timeline ctx={ctx} events={[]} />)).toBe('');
  });

  it('escapes hostile titles and meta', () => {
    expectEscaped(renderToString(<Timeline ctx={ctx} events={[{ title: HOSTILE, meta: HOSTILE, body: HOSTILE }]} />));
  });
});

describe('NotificationBanner', () => {
  it('is a labelled region when important', () => {
    const html = renderToString(<NotificationBanner ctx={ctx}>Layanan tutup 1 Mei.</NotificationBanner>);
    expect(html).toBe(
      '<section class="banner" aria-labelledby="notification-banner-title"><h2 class="banner__header" id="notification-banner-title">Penting</h2><div class="banner__content">Layanan tutup 1 Mei.</div></section>',
    );
  });

  it('is an alert with the success title and class on success', () => {
    const html = renderToString(
      <NotificationBanner ctx={ctx} type="success" id="saved">
        Data tersimpan.
      </NotificationBanner>,
    );
    expect(html).toContain('class="banner banner--success" role="alert" aria-labelledby="saved-title"');
    expect(html).toContain('<h2 class="banner__header" id="saved-title">Berhasil</h2>');
  });

  it('escapes hostile content', () => {
    expectEscaped(renderToString(<NotificationBanner ctx={ctx}>{HOSTILE}</NotificationBanner>));
  });
});

describe('Pagination', () => {
  const hrefFor = (page: number) => `/cases?page=${page}`;

  it('renders nothing for a single page or none', () => {
    expect(renderToString(<Pagination ctx={ctx} currentPage={1} totalPages={1} hrefFor={hrefFor} />)).toBe('');
    expect(renderToString(<Pagination ctx={ctx} currentPage={1} totalPages={0} hrefFor={hrefFor} />)).toBe('');
  });

  it('has no previous link on the first page, and marks page 1 as current', () => {
    const html = renderToString(<Pagination ctx={ctx} currentPage={1} totalPages={3} hrefFor={hrefFor} />);
    expect(html).toMatch(/^<nav aria-label="Halaman"><ul class="pagination">/);
    expect(html).not.toContain('rel="prev"');
    expect(html).not.toContain('Sebelumnya');
    expect(html).toContain('<a href="/cases?page=2" rel="next">Berikutnya</a>');
    expect(html).toContain('<a href="/cases?page=1" aria-label="Halaman 1" aria-current="page">1</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('has no next link on the last page', () => {
    const html = renderToString(<Pagination ctx={ctx} currentPage={3} totalPages={3} hrefFor={hrefFor} />);
    expect(html).not.toContain('rel="next"');
    expect(html).toContain('<a href="/cases?page=2" rel="prev">Sebelumnya</a>');
    expect(html).toContain('aria-label="Halaman 3" aria-current="page"');
  });

  it('collapses a long range around the current page with ellipses', () => {
    const html = renderToString(<Pagination ctx={ctx} currentPage={10} totalPages={20} hrefFor={hrefFor} />);
    const labels = [...html.matchAll(/>(\d+|…)</g)].map((match) => match[1]);
    expect(labels).toEqual(['1', '…', '9', '10', '11', '…', '20']);
    expect(html).toContain('<a href="/cases?page=9" rel="prev">');
    expect(html).toContain('<a href="/cases?page=11" rel="next">');
    expect(html).toContain('<li><span>…</span></li>');
  });

  it('shows a single hidden page instead of an ellipsis', () => {
    expect(pageItems(1, 20)).toEqual([1, 2, 'ellipsis', 20]);
    expect(pageItems(3, 20)).toEqual([1, 2, 3, 4, 'ellipsis', 20]);
    expect(pageItems(20, 20)).toEqual([1, 'ellipsis', 19, 20]);
    expect(pageItems(2, 3)).toEqual([1, 2, 3]);
    expect(pageItems(1, 4)).toEqual([1, 2, 3, 4]);
  });

  it('clamps a current page out of range', () => {
    const html = renderToString(<Pagination ctx={ctx} currentPage={99} totalPages={5} hrefFor={hrefFor} />);
    expect(html).toContain('aria-label="Halaman 5" aria-current="page"');
    expect(html).not.toContain('rel="next"');
  });

  it('escapes hostile hrefs', () => {
    const html = renderToString(<Pagination ctx={ctx} currentPage={1} totalPages={2} hrefFor={() => '"><script>'} />);
    expectEscaped(html);
  });
});
