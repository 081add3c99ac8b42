import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_CITIZEN } from '../../../src/modules/accounts/accounts.seed.ts';
import type { Field } from '../../../src/platform/forms/form-schema.ts';
import type { Answer } from './application-pages.ts';

/** Files a person uploads in the browser journeys: a small PDF and a 1 × 1 pixel PNG, in a temporary folder. */
export interface UploadFiles {
  pdfPath: string;
  pngPath: string;
  remove(): Promise<void>;
}

export async function createUploadFiles(): Promise<UploadFiles> {
  const folder = await mkdtemp(path.join(os.tmpdir(), 'loket-e2e-'));
  const pdfPath = path.join(folder, 'surat-keterangan-lahir.pdf');
  await writeFile(pdfPath, '%PDF-1.4\n% surat keterangan lahir\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const pngPath = path.join(folder, 'pas-foto.png');
  await writeFile(pngPath, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
  return { pdfPath, pngPath, remove: () => rm(folder, { recursive: true, force: true }) };
}

/** What a person would type or choose for each field of the demo forms. */
export function demoAnswerFor(files: Pick<UploadFiles, 'pdfPath' | 'pngPath'>, childName: string): (field: Field) => Answer | undefined {
  return (field) => {
    switch (field.type) {
      case 'text':
        if (field.prefill === 'fullName') return DEMO_CITIZEN.fullName;
        if (field.name === 'childName') return childName;
        if (field.pattern?.includes('16')) return '3404011203150007';
        return field.pattern ? undefined : 'Sleman';
      case 'longText':
        return 'Keterangan untuk pengujian.';
      case 'nik':
        return field.prefill === 'nik' ? DEMO_CITIZEN.nik : '3404015506900002';
      case 'nib':
        return '9120001234567';
      case 'phone':
        return '081200000001';
      case 'email':
        return DEMO_CITIZEN.email;
      case 'number':
        return String(field.min ?? 1);
      case 'money':
        return String(field.min ?? 100000);
      case 'date':
        return '2025-06-01';
      case 'radios':
      case 'select':
        return field.options[0]?.value;
      case 'checkboxes':
        return field.options.map((option) => option.value);
      case 'address':
        return { province: '34', regency: '34.04', district: 'Depok', village: 'Caturtunggal', street: 'Jl. Kaliurang Km 5' };
      case 'file':
        return { file: field.accept.includes('application/pdf') ? files.pdfPath : files.pngPath };
      case 'geoPoint':
        return undefined;
    }
  };
}
