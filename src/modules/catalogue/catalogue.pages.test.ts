import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { SMALL_DEMO, seedDemo } from '../../seed.ts';
import { DEMO_SERVICES } from './catalogue.seed.ts';

// The public pages of the catalogue, rendered by the real app (axe runs in the journey tests).

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await seedDemo(t.database.db, t.services, SMALL_DEMO);
});
afterAll(async () => t.close());

const page = (url: string, locale: 'id' | 'en' = 'id') => t.app.inject({ url, headers: { 'accept-language': locale } });

/** The service links of a results page, in order. */
function resultCodes(html: string): string[] {
  return [...html.matchAll(/<h3><a href="\/services\/([a-z0-9-]+)">/g)].map((match) => match[1] ?? '');
}

describe('the catalogue page', () => {
  it('lists every published service with its agency, time limit and cost, and a link in the main menu', async () => {
    const response = await page('/services');
    expect(response.statusCode).toBe(200);
    expect(resultCodes(response.body).sort()).toEqual(DEMO_SERVICES.map((service) => service.code).sort());
    expect(response.body).toContain(`${DEMO_SERVICES.length} layanan ditemukan`);
    expect(response.body).toContain('Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sleman');
    expect(response.body).toContain('14 hari kerja');
    expect(response.body).toContain('Gratis');
    expect(response.body).toMatch(/Rp\s?30\.000/);
    expect(response.body).toContain('Tergantung permohonan');
    expect(response.body).toMatch(/<a href="\/services" aria-current="page">Layanan<\/a>/);
  });

  it('finds "Akta Kelahiran" first for the search "akte lahir", keeping the query in the box', async () => {
    const response = await page('/services?q=akte+lahir');
    expect(resultCodes(response.body)[0]).toBe('akta-kelahiran-kabupaten-sleman');
    expect(response.body).toContain('value="akte lahir"');
    expect(response.body).toContain('<title>Hasil pencarian “akte lahir” – Loket</title>');
  });

  it('offers the filters as a GET form that keeps the query, and applies them', async () => {
    const response = await page('/services?q=akta&lifeEvent=birth&applicantType=citizen&agency=disdukcapil-kabupaten-sleman');
    const body = response.body;
    expect(body).toMatch(/<form method="get" action="\/services">\s*<input type="hidden" name="q" value="akta"/);
    expect(body).toMatch(/<input type="checkbox" id="lifeEvent" name="lifeEvent" value="birth" checked/);
    expect(body).toContain('<details class="details" open>');
    expect((await page('/services')).body).toContain('<details class="details">');
    expect(body).toMatch(/<input type="radio" id="applicantType-2" name="applicantType" value="citizen" checked/);
    expect(body).toMatch(/<option value="disdukcapil-kabupaten-sleman" selected>/);
    expect(resultCodes(body)).toEqual(['akta-kelahiran-kabupaten-sleman']);
    expect(body).toContain('href="/services?q=akta">Hapus semua saringan</a>');
  });

  it('says so, and what to do, when nothing matches', async () => {
    const response = await page('/services?q=kapal+selam');
    expect(resultCodes(response.body)).toEqual([]);
    expect(response.body).toContain('Tidak ada layanan yang cocok dengan “kapal selam”. Periksa ejaannya');
  });

  it('answers hostile queries with a page, never an error, escaping what it shows back', async () => {
    for (const q of ['<script>alert(1)</script>', "' or 1=1 --", 'x'.repeat(10_000), '%00%ff%fe', '😀'.repeat(300)]) {
      const response = await page(`/services?q=${encodeURIComponent(q)}&page=-1&lifeEvent=<b>&lifeEvent=birth&agency[]=x`);
      expect(response.statusCode, q.slice(0, 20)).toBe(200);
      expect(response.body).not.toContain('<script>alert');
    }
    const repeated = await page('/services?q=a&q=b&page=abc');
    expect(repeated.statusCode).toBe(200);
  });

  it('shows the page in English', async () => {
    const response = await page('/services?q=birth+certificate', 'en');
    expect(resultCodes(response.body)[0]).toBe('akta-kelahiran-kabupaten-sleman');
    expect(response.body).toContain('Birth Certificate (Akta Kelahiran)');
    expect(response.body).toContain('5 working days');
    expect(response.body).toContain('Free');
  });
});

describe('a service page', () => {
  it('shows what you get, what you need, how long and what it costs before the start button', async () => {
    const body = (await page('/services/penggantian-ktp-el-kota-bandung')).body;
    const order = [
      'Yang Anda dapatkan',
      'Yang Anda perlukan',
      'Berapa lama',
      'Berapa biayanya',
      'Ajukan sekarang',
      'Langkah-langkahnya',
      'Cara mengajukan',
    ].map((text) => body.indexOf(text));
    expect(order.every((index) => index > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toContain('<h1>Penggantian KTP-el yang Rusak atau Hilang</h1>');
    expect(body).toContain('KTP elektronik (KTP-el) baru');
    expect(body).toContain('Surat keterangan kehilangan dari kepolisian');
    expect(body).toContain('14 hari kerja');
    expect(body).toContain('Dasar hukum: Pasal 79A Undang-Undang Nomor 24 Tahun 2013');
    expect(body).toContain('href="/services/penggantian-ktp-el-kota-bandung/apply"');
    // The workflow's steps, with their share of the 14 working days.
    expect(body).toContain('Bagaimana permohonan Anda diproses');
    expect(body).toContain('Tanda tangan, cetak dan serahkan KTP-el (± 7 hari kerja)');
    expect(body).toContain('Periksa surat kehilangan (± 1,4 hari kerja) — hanya untuk sebagian permohonan');
  });

  it('marks the requirements that can be fetched from another agency instead of uploaded', async () => {
    const body = (await page('/services/akta-kelahiran-kabupaten-sleman')).body;
    expect(body).toMatch(/Kartu keluarga \(KK\) <strong class="tag tag--blue">Bisa diambil dari instansi lain<\/strong>/);
    expect(body).not.toMatch(/Surat keterangan kelahiran <strong class="tag/);
  });

  it('lists the offices with their opening hours in their own time zone, who can apply, priority groups and the complaint channels', async () => {
    const bandung = (await page('/services/penggantian-ktp-el-kota-bandung')).body;
    expect(bandung).toContain('Kantor Disdukcapil Kota Bandung');
    expect(bandung).toContain('Jl. Ambon No. 1A, 40115');
    expect(bandung).toContain('Senin–Kamis 08.00–15.30 WIB');
    expect(bandung).toContain('Jumat 08.00–16.00 WIB');
    expect(bandung).toContain('Warga (perorangan)');
    expect(bandung).toContain('Penyandang disabilitas');
    expect(bandung).toContain('SP4N-LAPOR!: <a href="https://www.lapor.go.id">https://www.lapor.go.id</a>');
    expect(bandung).toContain('SMS LAPOR!: 1708');
    const makassar = (await page('/services/skck-polrestabes-makassar', 'en')).body;
    expect(makassar).toContain('Monday–Friday 08:00–15:00 WITA');
    expect(makassar).toMatch(/IDR\s?30,000|Rp\s?30,000/);
    expect(makassar).toContain('Legal basis: Government Regulation 76 of 2020');
  });

  it('puts the eight management components in a details element below the fold', async () => {
    const body = (await page('/services/nib-usaha-mikro')).body;
    // The last details element: the processing steps come before it.
    const details = body.slice(body.lastIndexOf('<details'), body.lastIndexOf('</details>'));
    for (const heading of [
      'Dasar hukum',
      'Sarana, prasarana, dan fasilitas',
      'Kompetensi pelaksana',
      'Pengawasan internal',
      'Jumlah pelaksana',
      'Jaminan pelayanan',
      'Jaminan keamanan dan keselamatan pelayanan',
      'Evaluasi kinerja pelaksana',
    ]) {
      expect(details).toContain(heading);
    }
    expect(details).toContain('Peraturan Pemerintah Nomor 7 Tahun 2021');
    expect(body.indexOf('<details')).toBeGreaterThan(body.indexOf('Ajukan sekarang'));
  });

  it('tells where to go instead of a start button when the service has no online channel', async () => {
    const body = (await page('/services/pendaftaran-dtks-kota-surabaya')).body;
    expect(body).not.toContain('/apply');
    expect(body).toContain('Layanan ini tidak dapat diajukan secara daring.');
    expect(body).toContain('href="#channels"');
    expect(body).toContain('Kantor Dinas Sosial Kota Surabaya');
  });

  it('explains a cost computed per application', async () => {
    const body = (await page('/services/persetujuan-bangunan-gedung-dki-jakarta')).body;
    expect(body).toContain('Tergantung permohonan');
    expect(body).toContain('Retribusi PBG dihitung dari luas lantai');
    expect(body).toContain('28 hari kerja');
  });

  it('answers an unknown or malformed code with the not-found page', async () => {
    for (const code of ['tidak-ada', '%3Cscript%3E', 'A'.repeat(150)]) {
      const response = await page(`/services/${code}`);
      expect(response.statusCode).toBe(404);
      expect(response.body).toContain('Layanan tidak ditemukan');
    }
  });
});
