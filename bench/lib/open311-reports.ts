/**
 * What a partner app files through Open311 in S6: reports as citizens write them (300–600 characters,
 * Indonesian), at places in Kota Bandung, under the seeded complaint categories. The F1 script for S6
 * writes the same texts, so that both index the same trigrams.
 */
export const OPEN311_REPORTS: readonly { serviceCode: string; description: string; lat: number; long: number; address: string }[] = [
  {
    serviceCode: 'infrastruktur-jalan',
    description:
      'Ada lubang besar di badan jalan sekitar dua meter dari simpang Dipatiukur ke arah Dago, kedalamannya kira-kira lima belas sentimeter. ' +
      'Saat hujan lubang tertutup genangan sehingga tidak terlihat, dan minggu ini sudah dua pengendara motor terjatuh di sana. ' +
      'Warga sempat menandai dengan ranting dan ban bekas, tetapi tanda itu sering tergeser kendaraan. ' +
      'Mohon segera ditambal sebelum ada korban yang lebih parah, terutama karena jalan ini ramai dilalui anak sekolah pada pagi hari.',
    lat: -6.8846,
    long: 107.6131,
    address: 'Jl. Ir. H. Juanda dekat simpang Dipatiukur, Coblong, Kota Bandung',
  },
  {
    serviceCode: 'kebersihan',
    description:
      'Tempat penampungan sementara di ujung gang RW 05 sudah sembilan hari tidak diangkut. Sampah meluber sampai ke badan jalan, ' +
      'berbau menyengat dan mulai dikerumuni lalat serta tikus. Petugas kebersihan kelurahan mengatakan truk pengangkut sedang rusak, ' +
      'tetapi tidak ada jadwal pengganti yang diumumkan kepada warga. Beberapa warga mulai membakar sampah di pekarangan karena tidak tahan baunya. ' +
      'Kami mohon pengangkutan segera dan kepastian jadwal rutin.',
    lat: -6.9039,
    long: 107.6286,
    address: 'Gang Cihapit RW 05, Kelurahan Cihapit, Bandung Wetan, Kota Bandung',
  },
  {
    serviceCode: 'infrastruktur-jalan',
    description:
      'Tiga lampu penerangan jalan di sepanjang Jalan Soekarno-Hatta dekat halte bus mati sejak awal bulan. Pada malam hari jalan menjadi ' +
      'sangat gelap, padahal banyak pekerja pabrik yang menunggu angkutan di halte tersebut sampai larut malam. Sudah ada laporan ' +
      'penjambretan dua kali dalam minggu ini. Kami sudah menyampaikan ke ketua RW, yang meneruskan ke kelurahan, tetapi belum ada ' +
      'perbaikan. Mohon lampu diperbaiki dan diperiksa secara berkala.',
    lat: -6.9432,
    long: 107.6412,
    address: 'Jl. Soekarno-Hatta dekat halte Kiaracondong, Kota Bandung',
  },
  {
    serviceCode: 'pelayanan-kependudukan',
    description:
      'Saya datang ke kantor kecamatan pukul 07.30 untuk perekaman KTP-el ibu saya yang sudah lanjut usia, tetapi petugas mengatakan ' +
      'kuota hari itu sudah habis dan alat perekam hanya satu yang berfungsi. Kami diminta datang lagi minggu depan tanpa nomor antrean. ' +
      'Ibu saya memerlukan KTP-el untuk mengurus BPJS Kesehatan dan pencairan bantuan. Mohon ada layanan perekaman untuk lansia atau ' +
      'penambahan alat perekam, serta informasi kuota yang jelas sebelum warga datang.',
    lat: -6.9175,
    long: 107.6191,
    address: 'Kantor Kecamatan Sumur Bandung, Kota Bandung',
  },
];

/** Form-encoded Open311 POST bodies (the spec's encoding), one per key and report, in turn. */
export function open311Bodies(keys: readonly string[]): string[] {
  return keys.flatMap((key, i) =>
    OPEN311_REPORTS.map((report, j) =>
      new URLSearchParams({
        api_key: key,
        service_code: report.serviceCode,
        lat: String(report.lat),
        long: String(report.long),
        address_string: report.address,
        description: report.description,
        first_name: 'Rina',
        last_name: `Kusumawati ${i * OPEN311_REPORTS.length + j + 1}`,
        phone: `0812${String(20000000 + i * 100 + j)}`,
      }).toString(),
    ),
  );
}
