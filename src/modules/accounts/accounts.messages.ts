import { defineMessages } from '../../platform/i18n/define.ts';

// Error and warning codes returned by the identity rules (nik.ts, nib.ts, contact.ts, password.ts)
// are these keys, so a code without a message in both languages is a type error.
export const accountsMessages = defineMessages({
  id: {
    'nik.empty': 'Masukkan NIK Anda. NIK tercantum di KTP elektronik dan kartu keluarga.',
    'nik.not_digits': 'NIK hanya boleh berisi angka.',
    'nik.length': 'NIK harus terdiri atas 16 angka.',
    'nik.province_unknown': 'Dua angka pertama NIK harus kode provinsi yang terdaftar, misalnya 32 untuk Jawa Barat.',
    'nik.regency_zero': 'Angka ketiga dan keempat NIK adalah kode kabupaten atau kota. Kode itu tidak boleh 00.',
    'nik.district_zero': 'Angka kelima dan keenam NIK adalah kode kecamatan. Kode itu tidak boleh 00.',
    'nik.birth_day':
      'Angka ketujuh dan kedelapan NIK adalah tanggal lahir: 01 sampai 31, atau 41 sampai 71 untuk perempuan. Tanggal itu harus ada pada bulan lahir.',
    'nik.birth_month': 'Angka kesembilan dan kesepuluh NIK adalah bulan lahir. Bulan itu harus 01 sampai 12.',
    'nik.serial_zero': 'Empat angka terakhir NIK adalah nomor urut. Nomor itu tidak boleh 0000.',
    'nik.birth_date_mismatch':
      'Tanggal lahir yang Anda isi berbeda dengan tanggal lahir dalam NIK. Periksa kembali keduanya. Jika sudah benar, Anda tetap dapat melanjutkan.',
    'nik.sex_mismatch':
      'Jenis kelamin yang Anda pilih berbeda dengan jenis kelamin dalam NIK. Periksa kembali keduanya. Jika sudah benar, Anda tetap dapat melanjutkan.',
    'nib.empty': 'Masukkan NIB badan usaha Anda. NIB tercantum dalam dokumen perizinan dari OSS.',
    'nib.not_digits': 'NIB hanya boleh berisi angka.',
    'nib.length': 'NIB harus terdiri atas {length} angka.',
    'email.invalid': 'Masukkan alamat email yang benar, misalnya nama@contoh.co.id.',
    'email.too_long': 'Alamat email terlalu panjang. Panjangnya paling banyak 254 karakter.',
    'phone.invalid': 'Masukkan nomor ponsel Indonesia yang benar, misalnya 0812 3456 7890 atau +62 812 3456 7890.',
    'password.too_short': 'Kata sandi harus terdiri atas paling sedikit 10 karakter.',
    'password.too_long': 'Kata sandi terlalu panjang. Panjangnya paling banyak 256 karakter.',
    'password.common': 'Kata sandi ini terlalu umum dan mudah ditebak. Pilih kata sandi lain, misalnya gabungan beberapa kata yang hanya Anda ketahui.',
    'password.contains_personal':
      'Kata sandi tidak boleh memuat NIK, nama, atau alamat email Anda. Pilih kata sandi yang tidak berkaitan dengan data diri Anda.',
  },
  en: {
    'nik.empty': 'Enter your NIK. It is printed on your electronic identity card (KTP) and your family card.',
    'nik.not_digits': 'The NIK must contain only digits.',
    'nik.length': 'The NIK must be 16 digits long.',
    'nik.province_unknown': 'The first two digits of the NIK must be a registered province code, for example 32 for West Java.',
    'nik.regency_zero': 'The third and fourth digits of the NIK are the regency or city code. They cannot be 00.',
    'nik.district_zero': 'The fifth and sixth digits of the NIK are the district code. They cannot be 00.',
    'nik.birth_day':
      'The seventh and eighth digits of the NIK are the day of birth: 01 to 31, or 41 to 71 for women. The day must exist in the month of birth.',
    'nik.birth_month': 'The ninth and tenth digits of the NIK are the month of birth. They must be 01 to 12.',
    'nik.serial_zero': 'The last four digits of the NIK are a serial number. They cannot be 0000.',
    'nik.birth_date_mismatch':
      'The date of birth you entered differs from the date of birth in your NIK. Check both. If they are correct, you can still continue.',
    'nik.sex_mismatch': 'The sex you chose differs from the sex recorded in your NIK. Check both. If they are correct, you can still continue.',
    'nib.empty': "Enter your business's NIB. It is printed on the licensing documents from OSS.",
    'nib.not_digits': 'The NIB must contain only digits.',
    'nib.length': 'The NIB must be {length} digits long.',
    'email.invalid': 'Enter a valid e-mail address, for example name@example.co.id.',
    'email.too_long': 'The e-mail address is too long. It can be at most 254 characters.',
    'phone.invalid': 'Enter a valid Indonesian mobile number, for example 0812 3456 7890 or +62 812 3456 7890.',
    'password.too_short': 'The password must be at least 10 characters long.',
    'password.too_long': 'The password is too long. It can be at most 256 characters.',
    'password.common': 'This password is too common and easy to guess. Choose another one, for example a few words that only you would put together.',
    'password.contains_personal': 'The password must not contain your NIK, name or e-mail address. Choose one that is not related to your personal details.',
  },
});

/** A message key of the accounts module: every error or warning code the identity rules return is one. */
export type AccountsMessageKey = keyof typeof accountsMessages.id;
