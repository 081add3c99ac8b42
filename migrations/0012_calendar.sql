-- The working-day calendar behind service time limits (SLA clock): national public holidays (libur
-- nasional), joint leave days (cuti bersama) and agency- or unit-specific closures. A weekday listed
-- here is not a working day. National rows have no agency; a closure has an agency and, when it only
-- concerns one office, a unit. Dates are calendar dates, read in the agency's own time zone.

create table holiday (
  id bigint generated always as identity primary key,
  date date not null,
  kind text not null check (kind in ('national', 'joint_leave', 'agency_closure')),
  name_id text not null check (length(name_id) between 1 and 200),
  name_en text not null check (length(name_en) between 1 and 200),
  agency_id uuid references agency (id),
  unit_id uuid references agency_unit (id),
  created_at timestamptz not null default now(),
  check (unit_id is null or agency_id is not null),
  -- Holidays and joint leave are set nationally; only a closure belongs to one agency.
  check ((kind = 'agency_closure') = (agency_id is not null))
);

-- One row per date and scope (national, an agency, or one unit of it).
create unique index holiday_scope_idx on holiday (
  date,
  coalesce(agency_id, '00000000-0000-0000-0000-000000000000'),
  coalesce(unit_id, '00000000-0000-0000-0000-000000000000')
);
create index holiday_agency_idx on holiday (agency_id) where agency_id is not null;

-- 2025: Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur
-- Negara dan Reformasi Birokrasi Nomor 1017 Tahun 2024, Nomor 2 Tahun 2024, Nomor 2 Tahun 2024 tentang
-- Hari Libur Nasional dan Cuti Bersama Tahun 2025 (14 October 2024: 17 holidays, 10 joint leave days),
-- as amended by Keputusan Bersama Nomor 933 Tahun 2025, Nomor 1 Tahun 2025, Nomor 3 Tahun 2025
-- (7 August 2025), which added joint leave on 18 August 2025.
insert into holiday (date, kind, name_id, name_en) values
  ('2025-01-01', 'national', 'Tahun Baru 2025 Masehi', 'New Year''s Day'),
  ('2025-01-27', 'national', 'Isra Mikraj Nabi Muhammad SAW', 'Isra Mi''raj of the Prophet Muhammad'),
  ('2025-01-28', 'joint_leave', 'Cuti bersama Tahun Baru Imlek', 'Joint leave for Chinese New Year'),
  ('2025-01-29', 'national', 'Tahun Baru Imlek 2576 Kongzili', 'Chinese New Year 2576'),
  ('2025-03-28', 'joint_leave', 'Cuti bersama Hari Suci Nyepi', 'Joint leave for Nyepi'),
  ('2025-03-29', 'national', 'Hari Suci Nyepi (Tahun Baru Saka 1947)', 'Nyepi (Saka New Year 1947)'),
  ('2025-03-31', 'national', 'Idulfitri 1446 Hijriah', 'Eid al-Fitr 1446 H'),
  ('2025-04-01', 'national', 'Idulfitri 1446 Hijriah', 'Eid al-Fitr 1446 H'),
  ('2025-04-02', 'joint_leave', 'Cuti bersama Idulfitri 1446 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2025-04-03', 'joint_leave', 'Cuti bersama Idulfitri 1446 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2025-04-04', 'joint_leave', 'Cuti bersama Idulfitri 1446 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2025-04-07', 'joint_leave', 'Cuti bersama Idulfitri 1446 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2025-04-18', 'national', 'Wafat Yesus Kristus', 'Good Friday'),
  ('2025-04-20', 'national', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'),
  ('2025-05-01', 'national', 'Hari Buruh Internasional', 'International Labour Day'),
  ('2025-05-12', 'national', 'Hari Raya Waisak 2569 BE', 'Vesak Day 2569 BE'),
  ('2025-05-13', 'joint_leave', 'Cuti bersama Hari Raya Waisak', 'Joint leave for Vesak Day'),
  ('2025-05-29', 'national', 'Kenaikan Yesus Kristus', 'Ascension of Jesus Christ'),
  ('2025-05-30', 'joint_leave', 'Cuti bersama Kenaikan Yesus Kristus', 'Joint leave for Ascension Day'),
  ('2025-06-01', 'national', 'Hari Lahir Pancasila', 'Pancasila Day'),
  ('2025-06-06', 'national', 'Iduladha 1446 Hijriah', 'Eid al-Adha 1446 H'),
  ('2025-06-09', 'joint_leave', 'Cuti bersama Iduladha 1446 Hijriah', 'Joint leave for Eid al-Adha'),
  ('2025-06-27', 'national', '1 Muharam Tahun Baru Islam 1447 Hijriah', 'Islamic New Year 1447 H'),
  ('2025-08-17', 'national', 'Proklamasi Kemerdekaan', 'Independence Day'),
  ('2025-08-18', 'joint_leave', 'Cuti bersama HUT ke-80 Kemerdekaan RI', 'Joint leave for the 80th Independence Day'),
  ('2025-09-05', 'national', 'Maulid Nabi Muhammad SAW', 'Birthday of the Prophet Muhammad'),
  ('2025-12-25', 'national', 'Kelahiran Yesus Kristus', 'Christmas Day'),
  ('2025-12-26', 'joint_leave', 'Cuti bersama Kelahiran Yesus Kristus', 'Joint leave for Christmas');

-- 2026: Keputusan Bersama Menteri Agama, Menteri Ketenagakerjaan, dan Menteri Pendayagunaan Aparatur
-- Negara dan Reformasi Birokrasi Nomor 1497 Tahun 2025, Nomor 2 Tahun 2025, Nomor 5 Tahun 2025 tentang
-- Hari Libur Nasional dan Cuti Bersama Tahun 2026 (announced 19 September 2025: 17 holidays, 8 joint
-- leave days). Idulfitri and Iduladha follow the SKB; a later Keputusan Menteri Agama (isbat) or an
-- amending SKB that moves them must be added as a new migration.
insert into holiday (date, kind, name_id, name_en) values
  ('2026-01-01', 'national', 'Tahun Baru 2026 Masehi', 'New Year''s Day'),
  ('2026-01-16', 'national', 'Isra Mikraj Nabi Muhammad SAW', 'Isra Mi''raj of the Prophet Muhammad'),
  ('2026-02-16', 'joint_leave', 'Cuti bersama Tahun Baru Imlek', 'Joint leave for Chinese New Year'),
  ('2026-02-17', 'national', 'Tahun Baru Imlek 2577 Kongzili', 'Chinese New Year 2577'),
  ('2026-03-18', 'joint_leave', 'Cuti bersama Hari Suci Nyepi', 'Joint leave for Nyepi'),
  ('2026-03-19', 'national', 'Hari Suci Nyepi (Tahun Baru Saka 1948)', 'Nyepi (Saka New Year 1948)'),
  ('2026-03-20', 'joint_leave', 'Cuti bersama Idulfitri 1447 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2026-03-21', 'national', 'Idulfitri 1447 Hijriah', 'Eid al-Fitr 1447 H'),
  ('2026-03-22', 'national', 'Idulfitri 1447 Hijriah', 'Eid al-Fitr 1447 H'),
  ('2026-03-23', 'joint_leave', 'Cuti bersama Idulfitri 1447 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2026-03-24', 'joint_leave', 'Cuti bersama Idulfitri 1447 Hijriah', 'Joint leave for Eid al-Fitr'),
  ('2026-04-03', 'national', 'Wafat Yesus Kristus', 'Good Friday'),
  ('2026-04-05', 'national', 'Kebangkitan Yesus Kristus (Paskah)', 'Easter Sunday'),
  ('2026-05-01', 'national', 'Hari Buruh Internasional', 'International Labour Day'),
  ('2026-05-14', 'national', 'Kenaikan Yesus Kristus', 'Ascension of Jesus Christ'),
  ('2026-05-15', 'joint_leave', 'Cuti bersama Kenaikan Yesus Kristus', 'Joint leave for Ascension Day'),
  ('2026-05-27', 'national', 'Iduladha 1447 Hijriah', 'Eid al-Adha 1447 H'),
  ('2026-05-28', 'joint_leave', 'Cuti bersama Iduladha 1447 Hijriah', 'Joint leave for Eid al-Adha'),
  ('2026-05-31', 'national', 'Hari Raya Waisak 2570 BE', 'Vesak Day 2570 BE'),
  ('2026-06-01', 'national', 'Hari Lahir Pancasila', 'Pancasila Day'),
  ('2026-06-16', 'national', '1 Muharam Tahun Baru Islam 1448 Hijriah', 'Islamic New Year 1448 H'),
  ('2026-08-17', 'national', 'Proklamasi Kemerdekaan', 'Independence Day'),
  ('2026-08-25', 'national', 'Maulid Nabi Muhammad SAW', 'Birthday of the Prophet Muhammad'),
  ('2026-12-24', 'joint_leave', 'Cuti bersama Kelahiran Yesus Kristus', 'Joint leave for Christmas'),
  ('2026-12-25', 'national', 'Kelahiran Yesus Kristus', 'Christmas Day');

-- 2027: no SKB on Hari Libur Nasional dan Cuti Bersama Tahun 2027 had been published when this was
-- written. Only the holidays on fixed dates are listed (they fall on the same date every year under
-- Keputusan Presiden Nomor 8 Tahun 2024 tentang Hari-Hari Libur). The moving holidays (Isra Mikraj, Imlek, Nyepi,
-- Idulfitri, Good Friday, Easter, Ascension, Waisak, Iduladha, 1 Muharam, Maulid) and every joint leave
-- day of 2027 MUST be added in a new migration when the SKB is published; until then due dates across
-- them come out too early.
insert into holiday (date, kind, name_id, name_en) values
  ('2027-01-01', 'national', 'Tahun Baru 2027 Masehi', 'New Year''s Day'),
  ('2027-05-01', 'national', 'Hari Buruh Internasional', 'International Labour Day'),
  ('2027-06-01', 'national', 'Hari Lahir Pancasila', 'Pancasila Day'),
  ('2027-08-17', 'national', 'Proklamasi Kemerdekaan', 'Independence Day'),
  ('2027-12-25', 'national', 'Kelahiran Yesus Kristus', 'Christmas Day');
