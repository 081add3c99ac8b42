import type { RegionLevel } from '../../../platform/db/schema.ts';

// The demo regions below the provinces (migration 0003 has the provinces): the regencies the demo
// agencies work in and, for five of them, every kecamatan with its kelurahan/desa, so that a place
// can be chosen down to the village without a map. Codes and names as Kepmendagri 300.2.2-2138/2025
// lists them; production loads the full list (about 84,000 villages) from the same source.

export interface DemoRegion {
  code: string;
  parentCode: string;
  level: Exclude<RegionLevel, 'province'>;
  name: string;
}

const REGENCIES = [
  { code: '31.71', parentCode: '31', name: 'Kota Administrasi Jakarta Pusat' },
  { code: '31.74', parentCode: '31', name: 'Kota Administrasi Jakarta Selatan' },
  { code: '32.73', parentCode: '32', name: 'Kota Bandung' },
  { code: '34.04', parentCode: '34', name: 'Kabupaten Sleman' },
  { code: '35.78', parentCode: '35', name: 'Kota Surabaya' },
  { code: '73.71', parentCode: '73', name: 'Kota Makassar' },
  { code: '91.71', parentCode: '91', name: 'Kota Jayapura' },
] as const;

/** A kecamatan: its code, its name and its kelurahan/desa (the last four digits of each code, and the name). */
type District = readonly [code: string, name: string, villages: readonly (readonly [suffix: string, name: string])[]];

/** The kecamatan of each demo regency that has them here, by regency code. */
const DISTRICTS: Readonly<Record<string, readonly District[]>> = {
  '31.71': [
    [
      '31.71.01',
      'Gambir',
      [
        ['1001', 'Gambir'],
        ['1002', 'Cideng'],
        ['1003', 'Petojo Utara'],
        ['1004', 'Petojo Selatan'],
        ['1005', 'Kebon Kelapa'],
        ['1006', 'Duri Pulo'],
      ],
    ],
    [
      '31.71.02',
      'Sawah Besar',
      [
        ['1001', 'Pasar Baru'],
        ['1002', 'Karang Anyar'],
        ['1003', 'Kartini'],
        ['1004', 'Gunung Sahari Utara'],
        ['1005', 'Mangga Dua Selatan'],
      ],
    ],
    [
      '31.71.03',
      'Kemayoran',
      [
        ['1001', 'Kemayoran'],
        ['1002', 'Kebon Kosong'],
        ['1003', 'Harapan Mulia'],
        ['1004', 'Serdang'],
        ['1005', 'Gunung Sahari Selatan'],
        ['1006', 'Cempaka Baru'],
        ['1007', 'Sumur Batu'],
        ['1008', 'Utan Panjang'],
      ],
    ],
    [
      '31.71.04',
      'Senen',
      [
        ['1001', 'Senen'],
        ['1002', 'Kenari'],
        ['1003', 'Paseban'],
        ['1004', 'Kramat'],
        ['1005', 'Kwitang'],
        ['1006', 'Bungur'],
      ],
    ],
    [
      '31.71.05',
      'Cempaka Putih',
      [
        ['1001', 'Cempaka Putih Timur'],
        ['1002', 'Cempaka Putih Barat'],
        ['1003', 'Rawasari'],
      ],
    ],
    [
      '31.71.06',
      'Menteng',
      [
        ['1001', 'Menteng'],
        ['1002', 'Pegangsaan'],
        ['1003', 'Cikini'],
        ['1004', 'Gondangdia'],
        ['1005', 'Kebon Sirih'],
      ],
    ],
    [
      '31.71.07',
      'Tanah Abang',
      [
        ['1001', 'Gelora'],
        ['1002', 'Bendungan Hilir'],
        ['1003', 'Karet Tengsin'],
        ['1004', 'Petamburan'],
        ['1005', 'Kebon Melati'],
        ['1006', 'Kebon Kacang'],
        ['1007', 'Kampung Bali'],
      ],
    ],
    [
      '31.71.08',
      'Johar Baru',
      [
        ['1001', 'Johar Baru'],
        ['1002', 'Kampung Rawa'],
        ['1003', 'Galur'],
        ['1004', 'Tanah Tinggi'],
      ],
    ],
  ],
  '31.74': [
    [
      '31.74.01',
      'Tebet',
      [
        ['1001', 'Tebet Timur'],
        ['1002', 'Tebet Barat'],
        ['1003', 'Menteng Dalam'],
        ['1004', 'Kebon Baru'],
        ['1005', 'Bukit Duri'],
        ['1006', 'Manggarai Selatan'],
        ['1007', 'Manggarai'],
      ],
    ],
    [
      '31.74.02',
      'Setiabudi',
      [
        ['1001', 'Setia Budi'],
        ['1002', 'Karet Semanggi'],
        ['1003', 'Karet Kuningan'],
        ['1004', 'Karet'],
        ['1005', 'Menteng Atas'],
        ['1006', 'Pasar Manggis'],
        ['1007', 'Guntur'],
        ['1008', 'Kuningan Timur'],
      ],
    ],
    [
      '31.74.03',
      'Mampang Prapatan',
      [
        ['1001', 'Mampang Prapatan'],
        ['1002', 'Bangka'],
        ['1003', 'Pela Mampang'],
        ['1004', 'Tegal Parang'],
        ['1005', 'Kuningan Barat'],
      ],
    ],
    [
      '31.74.04',
      'Pasar Minggu',
      [
        ['1001', 'Pasar Minggu'],
        ['1002', 'Jati Padang'],
        ['1003', 'Cilandak Timur'],
        ['1004', 'Ragunan'],
        ['1005', 'Pejaten Timur'],
        ['1006', 'Pejaten Barat'],
        ['1007', 'Kebagusan'],
      ],
    ],
    [
      '31.74.05',
      'Kebayoran Lama',
      [
        ['1001', 'Kebayoran Lama Utara'],
        ['1002', 'Pondok Pinang'],
        ['1003', 'Cipulir'],
        ['1004', 'Grogol Utara'],
        ['1005', 'Grogol Selatan'],
        ['1006', 'Kebayoran Lama Selatan'],
      ],
    ],
    [
      '31.74.06',
      'Cilandak',
      [
        ['1001', 'Cilandak Barat'],
        ['1002', 'Lebak Bulus'],
        ['1003', 'Pondok Labu'],
        ['1004', 'Gandaria Selatan'],
        ['1005', 'Cipete Selatan'],
      ],
    ],
    [
      '31.74.07',
      'Kebayoran Baru',
      [
        ['1001', 'Melawai'],
        ['1002', 'Gunung'],
        ['1003', 'Kramat Pela'],
        ['1004', 'Selong'],
        ['1005', 'Rawa Barat'],
        ['1006', 'Senayan'],
        ['1007', 'Pulo'],
        ['1008', 'Petogogan'],
        ['1009', 'Gandaria Utara'],
        ['1010', 'Cipete Utara'],
      ],
    ],
    [
      '31.74.08',
      'Pancoran',
      [
        ['1001', 'Pancoran'],
        ['1002', 'Kalibata'],
        ['1003', 'Rawajati'],
        ['1004', 'Duren Tiga'],
        ['1005', 'Pengadegan'],
        ['1006', 'Cikoko'],
      ],
    ],
    [
      '31.74.09',
      'Jagakarsa',
      [
        ['1001', 'Jagakarsa'],
        ['1002', 'Srengseng Sawah'],
        ['1003', 'Ciganjur'],
        ['1004', 'Lenteng Agung'],
        ['1005', 'Tanjung Barat'],
        ['1006', 'Cipedak'],
      ],
    ],
    [
      '31.74.10',
      'Pesanggrahan',
      [
        ['1001', 'Pesanggrahan'],
        ['1002', 'Bintaro'],
        ['1003', 'Petukangan Utara'],
        ['1004', 'Petukangan Selatan'],
        ['1005', 'Ulujami'],
      ],
    ],
  ],
  '32.73': [
    [
      '32.73.01',
      'Sukasari',
      [
        ['1001', 'Sukarasa'],
        ['1002', 'Gegerkalong'],
        ['1003', 'Isola'],
        ['1004', 'Sarijadi'],
      ],
    ],
    [
      '32.73.02',
      'Coblong',
      [
        ['1001', 'Cipaganti'],
        ['1002', 'Lebak Gede'],
        ['1003', 'Sadang Serang'],
        ['1004', 'Dago'],
        ['1005', 'Sekeloa'],
        ['1006', 'Lebak Siliwangi'],
      ],
    ],
    [
      '32.73.03',
      'Babakan Ciparay',
      [
        ['1001', 'Babakan Ciparay'],
        ['1002', 'Babakan'],
        ['1003', 'Sukahaji'],
        ['1004', 'Margahayu Utara'],
        ['1005', 'Margasuka'],
        ['1006', 'Cirangrang'],
      ],
    ],
    [
      '32.73.04',
      'Bojongloa Kaler',
      [
        ['1001', 'Kopo'],
        ['1002', 'Babakan Tarogong'],
        ['1003', 'Jamika'],
        ['1004', 'Babakan Asih'],
        ['1005', 'Suka Asih'],
      ],
    ],
    [
      '32.73.05',
      'Andir',
      [
        ['1001', 'Maleber'],
        ['1002', 'Dungus Cariang'],
        ['1003', 'Ciroyom'],
        ['1004', 'Kebon Jeruk'],
        ['1005', 'Garuda'],
        ['1006', 'Campaka'],
      ],
    ],
    [
      '32.73.06',
      'Cicendo',
      [
        ['1001', 'Husein Sastranegara'],
        ['1002', 'Arjuna'],
        ['1003', 'Pajajaran'],
        ['1004', 'Pasirkaliki'],
        ['1005', 'Pamoyanan'],
        ['1006', 'Sukaraja'],
      ],
    ],
    [
      '32.73.07',
      'Sukajadi',
      [
        ['1001', 'Pasteur'],
        ['1002', 'Cipedes'],
        ['1003', 'Sukawarna'],
        ['1004', 'Sukagalih'],
        ['1005', 'Sukabungah'],
      ],
    ],
    [
      '32.73.08',
      'Cidadap',
      [
        ['1001', 'Hegarmanah'],
        ['1002', 'Ciumbuleuit'],
        ['1003', 'Ledeng'],
      ],
    ],
    [
      '32.73.09',
      'Bandung Wetan',
      [
        ['1001', 'Cihapit'],
        ['1002', 'Taman Sari'],
        ['1003', 'Citarum'],
      ],
    ],
    [
      '32.73.10',
      'Astanaanyar',
      [
        ['1001', 'Karasak'],
        ['1002', 'Nyengseret'],
        ['1003', 'Karang Anyar'],
        ['1004', 'Panjunan'],
        ['1005', 'Cibadak'],
        ['1006', 'Pelindung Hewan'],
      ],
    ],
    [
      '32.73.11',
      'Regol',
      [
        ['1001', 'Cigereleng'],
        ['1002', 'Ancol'],
        ['1003', 'Pungkur'],
        ['1004', 'Balong Gede'],
        ['1005', 'Ciseureuh'],
        ['1006', 'Ciateul'],
        ['1007', 'Pasirluyu'],
      ],
    ],
    [
      '32.73.12',
      'Batununggal',
      [
        ['1001', 'Gumuruh'],
        ['1002', 'Maleer'],
        ['1003', 'Cibangkong'],
        ['1004', 'Kacapiring'],
        ['1005', 'Kebon Waru'],
        ['1006', 'Kebon Gedang'],
        ['1007', 'Samoja'],
        ['1008', 'Binong'],
      ],
    ],
    [
      '32.73.13',
      'Lengkong',
      [
        ['1001', 'Cijagra'],
        ['1002', 'Lingkar Selatan'],
        ['1003', 'Burangrang'],
        ['1004', 'Paledang'],
        ['1005', 'Turangga'],
        ['1006', 'Malabar'],
        ['1007', 'Cikawao'],
      ],
    ],
    [
      '32.73.14',
      'Cibeunying Kidul',
      [
        ['1001', 'Padasuka'],
        ['1002', 'Cikutra'],
        ['1003', 'Cicadas'],
        ['1004', 'Sukamaju'],
        ['1005', 'Sukapada'],
        ['1006', 'Pasirlayung'],
      ],
    ],
    [
      '32.73.15',
      'Bandung Kulon',
      [
        ['1001', 'Cijerah'],
        ['1002', 'Cibuntu'],
        ['1003', 'Warung Muncang'],
        ['1004', 'Caringin'],
        ['1005', 'Cigondewah Kaler'],
        ['1006', 'Gempol Sari'],
        ['1007', 'Cigondewah Rahayu'],
        ['1008', 'Cigondewah Kidul'],
      ],
    ],
    [
      '32.73.16',
      'Kiaracondong',
      [
        ['1001', 'Sukapura'],
        ['1002', 'Kebon Jayanti'],
        ['1003', 'Babakan Surabaya'],
        ['1004', 'Cicaheum'],
        ['1005', 'Babakan Sari'],
        ['1006', 'Kebon Kangkung'],
      ],
    ],
    [
      '32.73.17',
      'Bojongloa Kidul',
      [
        ['1001', 'Situsaeur'],
        ['1002', 'Kebon Lega'],
        ['1003', 'Cibaduyut'],
        ['1004', 'Mekar Wangi'],
        ['1005', 'Cibaduyut Kidul'],
        ['1006', 'Cibaduyut Wetan'],
      ],
    ],
    [
      '32.73.18',
      'Cibeunying Kaler',
      [
        ['1001', 'Cihaur Geulis'],
        ['1002', 'Sukaluyu'],
        ['1003', 'Neglasari'],
        ['1004', 'Cigadung'],
      ],
    ],
    [
      '32.73.19',
      'Sumur Bandung',
      [
        ['1001', 'Braga'],
        ['1002', 'Merdeka'],
        ['1003', 'Kebon Pisang'],
        ['1004', 'Babakan Ciamis'],
      ],
    ],
    [
      '32.73.20',
      'Antapani',
      [
        ['1001', 'Antapani Kulon'],
        ['1004', 'Antapani Tengah'],
        ['1005', 'Antapani Kidul'],
        ['1006', 'Antapani Wetan'],
      ],
    ],
    [
      '32.73.21',
      'Bandung Kidul',
      [
        ['1001', 'Batununggal'],
        ['1002', 'Wates'],
        ['1003', 'Mengger'],
        ['1004', 'Kujangsari'],
      ],
    ],
    [
      '32.73.22',
      'Buahbatu',
      [
        ['1001', 'Sekejati'],
        ['1002', 'Margasari'],
        ['1003', 'Cijaura'],
        ['1004', 'Jati Sari'],
      ],
    ],
    [
      '32.73.23',
      'Rancasari',
      [
        ['1001', 'Cipamokolan'],
        ['1002', 'Derwati'],
        ['1003', 'Manjahlega'],
        ['1004', 'Mekar Jaya'],
      ],
    ],
    [
      '32.73.24',
      'Arcamanik',
      [
        ['1001', 'Sukamiskin'],
        ['1002', 'Cisaranten Bina Harapan'],
        ['1003', 'Cisaranten Kulon'],
        ['1004', 'Cisaranten Endah'],
      ],
    ],
    [
      '32.73.25',
      'Cibiru',
      [
        ['1001', 'Palasari'],
        ['1002', 'Cipadung'],
        ['1003', 'Pasir Biru'],
        ['1004', 'Cisurupan'],
      ],
    ],
    [
      '32.73.26',
      'Ujungberung',
      [
        ['1003', 'Pasir Endah'],
        ['1004', 'Cigending'],
        ['1005', 'Pasirwangi'],
        ['1006', 'Pasirjati'],
        ['1007', 'Pasanggrahan'],
      ],
    ],
    [
      '32.73.27',
      'Gedebage',
      [
        ['1001', 'Cimincrang'],
        ['1002', 'Cisaranten Kidul'],
        ['1003', 'Rancabolang'],
        ['1004', 'Rancanumpang'],
      ],
    ],
    [
      '32.73.28',
      'Panyileukan',
      [
        ['1001', 'Cipadung Kulon'],
        ['1002', 'Cipadung Kidul'],
        ['1003', 'Cipadung Wetan'],
        ['1004', 'Mekar Mulya'],
      ],
    ],
    [
      '32.73.29',
      'Cinambo',
      [
        ['1001', 'Cisaranten Wetan'],
        ['1002', 'Pakemitan'],
        ['1003', 'Sukamulya'],
        ['1004', 'Babakan Penghulu'],
      ],
    ],
    [
      '32.73.30',
      'Mandalajati',
      [
        ['1001', 'Jatihandap'],
        ['1002', 'Karang Pamulang'],
        ['1003', 'Pasir Impun'],
        ['1004', 'Sindang Jaya'],
      ],
    ],
  ],
  '34.04': [
    [
      '34.04.01',
      'Gamping',
      [
        ['2001', 'Balecatur'],
        ['2002', 'Ambarketawang'],
        ['2003', 'Banyuraden'],
        ['2004', 'Nogotirto'],
        ['2005', 'Trihanggo'],
      ],
    ],
    [
      '34.04.02',
      'Godean',
      [
        ['2001', 'Sidorejo'],
        ['2002', 'Sidoluhur'],
        ['2003', 'Sidomulyo'],
        ['2004', 'Sidoagung'],
        ['2005', 'Sidokarto'],
        ['2006', 'Sidoarum'],
        ['2007', 'Sidomoyo'],
      ],
    ],
    [
      '34.04.03',
      'Moyudan',
      [
        ['2001', 'Sumberrahayu'],
        ['2002', 'Sumbersari'],
        ['2003', 'Sumberagung'],
        ['2004', 'Sumberarum'],
      ],
    ],
    [
      '34.04.04',
      'Minggir',
      [
        ['2001', 'Sendangarum'],
        ['2002', 'Sendangmulyo'],
        ['2003', 'Sendangagung'],
        ['2004', 'Sendangsari'],
        ['2005', 'Sendangrejo'],
      ],
    ],
    [
      '34.04.05',
      'Seyegan',
      [
        ['2001', 'Margoluwih'],
        ['2002', 'Margodadi'],
        ['2003', 'Margokaton'],
        ['2004', 'Margomulyo'],
        ['2005', 'Margoagung'],
      ],
    ],
    [
      '34.04.06',
      'Mlati',
      [
        ['2001', 'Sinduadi'],
        ['2002', 'Sendangadi'],
        ['2003', 'Tlogoadi'],
        ['2004', 'Tirtoadi'],
        ['2005', 'Sumberadi'],
      ],
    ],
    [
      '34.04.07',
      'Depok',
      [
        ['2001', 'Caturtunggal'],
        ['2002', 'Maguwoharjo'],
        ['2003', 'Condongcatur'],
      ],
    ],
    [
      '34.04.08',
      'Berbah',
      [
        ['2001', 'Sendangtirto'],
        ['2002', 'Tegaltirto'],
        ['2003', 'Kalitirto'],
        ['2004', 'Jogotirto'],
      ],
    ],
    [
      '34.04.09',
      'Prambanan',
      [
        ['2001', 'Sumberharjo'],
        ['2002', 'Wukirharjo'],
        ['2003', 'Gayamharjo'],
        ['2004', 'Sambirejo'],
        ['2005', 'Madurejo'],
        ['2006', 'Bokoharjo'],
      ],
    ],
    [
      '34.04.10',
      'Kalasan',
      [
        ['2001', 'Purwomartani'],
        ['2002', 'Tirtomartani'],
        ['2003', 'Tamanmartani'],
        ['2004', 'Selomartani'],
      ],
    ],
    [
      '34.04.11',
      'Ngemplak',
      [
        ['2001', 'Sindumartani'],
        ['2002', 'Bimomartani'],
        ['2003', 'Widodomartani'],
        ['2004', 'Wedomartani'],
        ['2005', 'Umbulmartani'],
      ],
    ],
    [
      '34.04.12',
      'Ngaglik',
      [
        ['2001', 'Sariharjo'],
        ['2002', 'Minomartani'],
        ['2003', 'Sinduharjo'],
        ['2004', 'Sukoharjo'],
        ['2005', 'Sardonoharjo'],
        ['2006', 'Donoharjo'],
      ],
    ],
    [
      '34.04.13',
      'Sleman',
      [
        ['2001', 'Caturharjo'],
        ['2002', 'Triharjo'],
        ['2003', 'Tridadi'],
        ['2004', 'Pandowoharjo'],
        ['2005', 'Trimulyo'],
      ],
    ],
    [
      '34.04.14',
      'Tempel',
      [
        ['2001', 'Banyurejo'],
        ['2002', 'Tambakrejo'],
        ['2003', 'Sumberrejo'],
        ['2004', 'Pondokrejo'],
        ['2005', 'Mororejo'],
        ['2006', 'Margorejo'],
        ['2007', 'Lumbungrejo'],
        ['2008', 'Merdikorejo'],
      ],
    ],
    [
      '34.04.15',
      'Turi',
      [
        ['2001', 'Bangunkerto'],
        ['2002', 'Donokerto'],
        ['2003', 'Girikerto'],
        ['2004', 'Wonokerto'],
      ],
    ],
    [
      '34.04.16',
      'Pakem',
      [
        ['2001', 'Purwobinangun'],
        ['2002', 'Candibinangun'],
        ['2003', 'Harjobinangun'],
        ['2004', 'Pakembinangun'],
        ['2005', 'Hargobinangun'],
      ],
    ],
    [
      '34.04.17',
      'Cangkringan',
      [
        ['2001', 'Argomulyo'],
        ['2002', 'Wukirsari'],
        ['2003', 'Glagaharjo'],
        ['2004', 'Kepuharjo'],
        ['2005', 'Umbulharjo'],
      ],
    ],
  ],
  '35.78': [
    [
      '35.78.01',
      'Karang Pilang',
      [
        ['1001', 'Karang Pilang'],
        ['1002', 'Kebraon'],
        ['1003', 'Kedurus'],
        ['1004', 'Waru Gunung'],
      ],
    ],
    [
      '35.78.02',
      'Wonocolo',
      [
        ['1001', 'Sidosermo'],
        ['1002', 'Bendul Merisi'],
        ['1003', 'Margorejo'],
        ['1004', 'Jemur Wonosari'],
        ['1005', 'Siwalankerto'],
      ],
    ],
    [
      '35.78.03',
      'Rungkut',
      [
        ['1001', 'Kalirungkut'],
        ['1002', 'Rungkut Kidul'],
        ['1003', 'Kedung Baruk'],
        ['1004', 'Penjaringansari'],
        ['1005', 'Wonorejo'],
        ['1006', 'Medokan Ayu'],
      ],
    ],
    [
      '35.78.04',
      'Wonokromo',
      [
        ['1001', 'Wonokromo'],
        ['1002', 'Jagir'],
        ['1003', 'Ngagel'],
        ['1004', 'Ngagel Rejo'],
        ['1005', 'Darmo'],
        ['1006', 'Sawunggaling'],
      ],
    ],
    [
      '35.78.05',
      'Tegalsari',
      [
        ['1001', 'Tegalsari'],
        ['1002', 'Dr. Soetomo'],
        ['1003', 'Kedungdoro'],
        ['1004', 'Keputran'],
        ['1005', 'Wonorejo'],
      ],
    ],
    [
      '35.78.06',
      'Sawahan',
      [
        ['1001', 'Petemon'],
        ['1002', 'Sawahan'],
        ['1003', 'Banyu Urip'],
        ['1004', 'Putat Jaya'],
        ['1005', 'Kupang Krajan'],
        ['1006', 'Pakis'],
      ],
    ],
    [
      '35.78.07',
      'Genteng',
      [
        ['1001', 'Embong Kaliasin'],
        ['1002', 'Genteng'],
        ['1003', 'Kapasari'],
        ['1004', 'Ketabang'],
        ['1005', 'Peneleh'],
      ],
    ],
    [
      '35.78.08',
      'Gubeng',
      [
        ['1001', 'Gubeng'],
        ['1002', 'Mojo'],
        ['1003', 'Airlangga'],
        ['1004', 'Kertajaya'],
        ['1005', 'Baratajaya'],
        ['1006', 'Pucang Sewu'],
      ],
    ],
    [
      '35.78.09',
      'Sukolilo',
      [
        ['1001', 'Keputih'],
        ['1002', 'Gebang Putih'],
        ['1003', 'Klampis Ngasem'],
        ['1004', 'Menur Pumpungan'],
        ['1005', 'Nginden Jangkungan'],
        ['1006', 'Semolowaru'],
        ['1007', 'Medokan Semampir'],
      ],
    ],
    [
      '35.78.10',
      'Tambaksari',
      [
        ['1001', 'Tambaksari'],
        ['1002', 'Ploso'],
        ['1003', 'Gading'],
        ['1004', 'Pacarkembang'],
        ['1005', 'Rangkah'],
        ['1006', 'Pacarkeling'],
        ['1007', 'Kapasmadya Baru'],
        ['1008', 'Dukuh Setro'],
      ],
    ],
    [
      '35.78.11',
      'Simokerto',
      [
        ['1001', 'Simokerto'],
        ['1002', 'Kapasan'],
        ['1003', 'Sidodadi'],
        ['1004', 'Simolawang'],
        ['1005', 'Tambakrejo'],
      ],
    ],
    [
      '35.78.12',
      'Pabean Cantian',
      [
        ['1001', 'Bongkaran'],
        ['1002', 'Nyamplungan'],
        ['1003', 'Krembangan Utara'],
        ['1006', 'Tanjung Perak'],
      ],
    ],
    [
      '35.78.13',
      'Bubutan',
      [
        ['1001', 'Alun-alun Contong'],
        ['1002', 'Bubutan'],
        ['1003', 'Gundih'],
        ['1004', 'Jepara'],
        ['1005', 'Tembok Dukuh'],
      ],
    ],
    [
      '35.78.14',
      'Tandes',
      [
        ['1002', 'Tandes'],
        ['1006', 'Karang Poh'],
        ['1007', 'Balongsari'],
        ['1009', 'Manukan Kulon'],
        ['1011', 'Manukan Wetan'],
        ['1012', 'Banjar Sugihan'],
      ],
    ],
    [
      '35.78.15',
      'Krembangan',
      [
        ['1001', 'Krembangan Selatan'],
        ['1002', 'Kemayoran'],
        ['1003', 'Perak Barat'],
        ['1004', 'Dupak'],
        ['1005', 'Morokrembangan'],
      ],
    ],
    [
      '35.78.16',
      'Semampir',
      [
        ['1001', 'Ampel'],
        ['1002', 'Pegirian'],
        ['1003', 'Wonokusumo'],
        ['1004', 'Ujung'],
        ['1005', 'Sidotopo'],
      ],
    ],
    [
      '35.78.17',
      'Kenjeran',
      [
        ['1001', 'Tanah Kali Kedinding'],
        ['1002', 'Sidotopo Wetan'],
        ['1003', 'Bulak Banteng'],
        ['1004', 'Tambak Wedi'],
      ],
    ],
    [
      '35.78.18',
      'Lakarsantri',
      [
        ['1001', 'Bangkingan'],
        ['1002', 'Jeruk'],
        ['1003', 'Lakarsantri'],
        ['1004', 'Lidah Kulon'],
        ['1005', 'Lidah Wetan'],
        ['1006', 'Sumurwelut'],
      ],
    ],
    [
      '35.78.19',
      'Benowo',
      [
        ['1001', 'Kandangan'],
        ['1003', 'Sememi'],
        ['1004', 'Tambak Oso Wilangun'],
        ['1005', 'Romokalisari'],
      ],
    ],
    [
      '35.78.20',
      'Wiyung',
      [
        ['1001', 'Wiyung'],
        ['1002', 'Jajar Tunggal'],
        ['1003', 'Babatan'],
        ['1004', 'Balas Klumprik'],
      ],
    ],
    [
      '35.78.21',
      'Dukuh Pakis',
      [
        ['1001', 'Dukuh Pakis'],
        ['1002', 'Dukuh Kupang'],
        ['1003', 'Gunung Sari'],
        ['1004', 'Pradah Kalikendal'],
      ],
    ],
    [
      '35.78.22',
      'Gayungan',
      [
        ['1001', 'Gayungan'],
        ['1002', 'Menanggal'],
        ['1003', 'Dukuh Menanggal'],
        ['1004', 'Ketintang'],
      ],
    ],
    [
      '35.78.23',
      'Jambangan',
      [
        ['1001', 'Jambangan'],
        ['1002', 'Karah'],
        ['1003', 'Kebonsari'],
        ['1004', 'Pagesangan'],
      ],
    ],
    [
      '35.78.24',
      'Tenggilis Mejoyo',
      [
        ['1001', 'Kutisari'],
        ['1002', 'Kendangsari'],
        ['1003', 'Tenggilis Mejoyo'],
        ['1004', 'Panjang Jiwo'],
      ],
    ],
    [
      '35.78.25',
      'Gunung Anyar',
      [
        ['1001', 'Gunung Anyar'],
        ['1002', 'Rungkut Tengah'],
        ['1003', 'Rungkut Menanggal'],
        ['1004', 'Gunung Anyar Tambak'],
      ],
    ],
    [
      '35.78.26',
      'Mulyorejo',
      [
        ['1001', 'Mulyorejo'],
        ['1002', 'Manyar Sabrangan'],
        ['1003', 'Kejawan Putih Tambak'],
        ['1004', 'Kalisari'],
        ['1005', 'Dukuh Sutorejo'],
        ['1006', 'Kalijudan'],
      ],
    ],
    [
      '35.78.27',
      'Sukomanunggal',
      [
        ['1001', 'Sukomanunggal'],
        ['1002', 'Tanjungsari'],
        ['1003', 'Sonokwijenan'],
        ['1004', 'Putat Gede'],
        ['1005', 'Simomulyo'],
        ['1006', 'Simomulyo Baru'],
      ],
    ],
    [
      '35.78.28',
      'Asem Rowo',
      [
        ['1001', 'Asem Rowo'],
        ['1002', 'Genting Kalianak'],
        ['1005', 'Tambak Sarioso'],
      ],
    ],
    [
      '35.78.29',
      'Bulak',
      [
        ['1001', 'Kedung Cowek'],
        ['1003', 'Kenjeran'],
        ['1004', 'Bulak'],
        ['1005', 'Sukolilo Baru'],
      ],
    ],
    [
      '35.78.30',
      'Pakal',
      [
        ['1001', 'Pakal'],
        ['1002', 'Babat Jerawat'],
        ['1004', 'Sumber Rejo'],
        ['1005', 'Benowo'],
      ],
    ],
    [
      '35.78.31',
      'Sambikerep',
      [
        ['1001', 'Sambikerep'],
        ['1002', 'Made'],
        ['1003', 'Beringin'],
        ['1004', 'Lontar'],
      ],
    ],
  ],
};

/** Every demo region below the provinces, each after its parent (the order the foreign key needs). */
export const DEMO_REGIONS: readonly DemoRegion[] = [
  ...REGENCIES.map((regency) => ({ ...regency, level: 'regency' as const })),
  ...Object.entries(DISTRICTS).flatMap(([regencyCode, districts]) =>
    districts.flatMap(([code, name, villages]) => [
      { code, parentCode: regencyCode, level: 'district' as const, name },
      ...villages.map(([suffix, villageName]) => ({ code: `${code}.${suffix}`, parentCode: code, level: 'village' as const, name: villageName })),
    ]),
  ),
];
