import { defineMessages } from '../i18n/define.ts';

// Refusals of uploaded files (storage.uploads.ts), shown beside the file field that caused them.
export const storageMessages = defineMessages({
  id: {
    'storage.upload.wrongType': 'Berkas yang dipilih harus berjenis {types}',
    'storage.upload.tooLarge': 'Berkas yang dipilih harus lebih kecil dari {max}',
    'storage.upload.tooMany': 'Anda hanya dapat mengunggah paling banyak {max} berkas',
    'storage.upload.imageTooLarge': 'Gambar yang dipilih terlalu besar: paling banyak {max} megapiksel',
    'storage.upload.empty': 'Berkas yang dipilih kosong',
    'storage.upload.unexpected': 'Berkas tidak dapat diunggah di sini',
    'storage.full.title': 'Berkas tidak dapat disimpan saat ini',
    'storage.full.text': 'Tempat penyimpanan berkas sedang penuh. Data Anda yang lain aman. Coba unggah lagi nanti.',
  },
  en: {
    'storage.upload.wrongType': 'The selected file must be a {types}',
    'storage.upload.tooLarge': 'The selected file must be smaller than {max}',
    'storage.upload.tooMany': 'You can upload at most {max} files',
    'storage.upload.imageTooLarge': 'The selected image is too large: at most {max} megapixels',
    'storage.upload.empty': 'The selected file is empty',
    'storage.upload.unexpected': 'A file cannot be uploaded here',
    'storage.full.title': 'The file cannot be stored right now',
    'storage.full.text': 'The file storage is full. Your other data is safe. Try uploading again later.',
  },
});
