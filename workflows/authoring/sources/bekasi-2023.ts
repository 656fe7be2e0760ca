/**
 * Quoted blocks of seed 003: Keputusan Kepala Dinas Sosial Kabupaten Bekasi Nomor
 * OR.02/2308/DINSOS/2023 tentang Standar Pelayanan Dinas Sosial Kabupaten Bekasi (6 November 2023).
 * Repeated components are quoted once here; each service picks the ones its section carries.
 */
import type { LegalBasisDef, StandardDef } from "../dsl";

export const BEKASI = "3216";
export const BEKASI_OFFICE = "Dinas Sosial Kabupaten Bekasi";
export const BEKASI_VALID_FROM = "2023-11-06";
export const BEKASI_SEED = "003_266b24e0f5c906ae.txt";

/** The decree that sets every Bekasi standard: the legal basis of each Bekasi variant. */
export const BEKASI_DECREE: LegalBasisDef = {
  kind: "Keputusan Kepala Dinas",
  number: "OR.02/2308/DINSOS/2023",
  year: 2023,
  title: "Standar Pelayanan Dinas Sosial Kabupaten Bekasi",
};

export const BEKASI_PLEDGE =
  "Dengan ini kami menyatakan, sanggup melaksanakan pelayanan sesuai dengan Standar Pelayanan yang telah ditetapkan dan apabila dalam penyelenggaraan pelayanan kami, tidak sesuai dengan standar pelayanan yang telah ditetapkan, kami bersedia menerima sanksi sesuai dengan ketentuan peraturan perundang-undangan.";

/** Dasar Hukum of the Bidang Rehabilitasi Sosial services (III.a-h). */
export const REHSOS_LEGAL: LegalBasisDef[] = [
  { kind: "UU", number: "13", year: 1998, title: "Kesejahteraan Lanjut Usia" },
  { kind: "UU", number: "23", year: 2002, title: "Perlindungan Anak" },
  { kind: "UU", number: "40", year: 2004, title: "Sistem jaminan Sosial" },
  { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
  {
    kind: "Permensos",
    number: "8",
    year: 2012,
    title: "Pedoman Pendataan dan Pengelolaan Data Penyandang Masalah Kesejahteraan Sosial",
  },
  { kind: "Permendagri", number: "35", year: 2012, title: "Standar Operasional Prosedur Administrasi Pemerintahan" },
  { kind: "Perda Provinsi Jawa Barat", number: "10", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
  { kind: "Perda Kabupaten Bekasi", number: "10", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
  {
    kind: "Perbup Bekasi",
    number: "40",
    year: 2018,
    title: "Pedoman Pelayanan Kesejahteraan Sosial Penyandang Masalah Keterlantaran",
  },
  {
    kind: "Perbup Bekasi",
    number: "82",
    year: 2021,
    title:
      "Kewenangan, Kedudukan, Susunan organisasi, Tugas dan Fungsi Serta Tata Kerja Pada Dinas Sosial Kabupaten Bekasi",
  },
];

/** Dasar Hukum of the Bidang Penanganan Fakir Miskin services (I.a-c). */
export const PFM_LEGAL: LegalBasisDef[] = [
  {
    kind: "UUD",
    year: 1945,
    title: "Pasal 34 Ayat (1): Fakir Miskin dan Anak-Anak Terlantar di Pelihara oleh Negara",
  },
  { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
  { kind: "UU", number: "13", year: 2011, title: "Penanganan Fakir Miskin" },
  {
    kind: "Permensos",
    number: "21",
    year: 2009,
    title: "Persyaratan dan Tata Cara Perubahan Data Penerima Bantuan Iuran Jaminan Kesehatan",
  },
  { kind: "Perda Kabupaten Bekasi", number: "10", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
  { kind: "Permenpan RB", number: "15", year: 2014, title: "Standar Pelayanan" },
];

const numbered = (items: string[]): string => items.map((t, i) => `${i + 1}. ${t}`).join("\n");

export const competence = (education: string): string =>
  numbered([
    `Pendidikan terakhir minimal ${education};`,
    "Memiliki sikap ramah, komunikatif, bertanggung jawab dan sabar;",
    "Memahami etika pelayanan dan standar pelayanan;",
    "Memahami peraturan perundangan mengenai pelayanan publik, administrasi pemerintahan;",
    "Dapat mengoperasikan komputer dan aplikasi office;",
  ]);

export const PFM_COMPETENCE = numbered([
  "Pendidikan terakhir minimal SMA/SMK;",
  "Memiliki sikap ramah, komunikatif, bertanggung jawab dan sabar;",
  "Memahami etika pelayanan dan standar pelayanan;",
  "Memahami peraturan perundang-undangan mengenai pelayanan publik, administrasi pemerintahan;",
  "Dapat mengoperasikan komputer dan aplikasi Ms Office.",
]);

export const PFM_FACILITIES = numbered([
  "Ruang/meja kerja;",
  "Ruang dan rak arsip;",
  "Seragam Pelayanan Dinas Sosial;",
  "Jaringan internet;",
  "Komputer dan Printer.",
]);

export const PFM_SUPERVISION = numbered([
  "Pengawasan umum penyelenggaraan pelayanan dilakukan oleh atasan langsung secara berjenjang : a. Pelaksana diawasi oleh Ketua Tim Identifikasi dan Penguatan Kapasitas; b. Ketua Tim Identifikasi dan Penguatan Kapasitas diawasi oleh Kepala Bidang Penanganan Fakir Miskin; c. Kepala Bidang diawasi oleh Kepala Dinas.",
  "Pengawasan fungsional penyelenggaraan pelayanan dilakukan oleh Inspektorat Kabupaten Bekasi;",
  "Tersedianya mekanisme pengaduan aplikasi dan unit khusus penanganan pengaduan.",
]);

export const PFM_SAFETY = numbered([
  "Penyelenggara Pelayanan Memberikan Jaminan dan Keselamatan Pada Klien Menempatkan Fasilitas Keselamatan Seperti Tersedianya Apar ditempat Pelayanan;",
  "Penyelenggara Pelayanan Memberikan Jaminan dan Keselamatan Kepada Petugas Pelayanan Meyediakan Sarana Prasarana Keamanan dan Keselamatan; dan",
  "Penyelenggara Pelayanan Mendapatkan Jaminan Perlindungan Hukum dalam Melaksanakan Tugas Sesuai dengan Ketentuan Peraturan Perundangan berupa Bantuan Hukum.",
]);

export const GUARANTEE = numbered([
  "Kode Etik pegawai dan kode etik pelayanan;",
  "Penyelenggara pelayanan akan menerima sanksi sesuai dengan ketentuan peraturan perundangan apabila didalam pelaksanaan tugasnya tidak sesuai dengan standar pelayanan dan maklumat pelayanan.",
]);

export const SAFETY = (party: "pelanggan" | "klien", guards = false): string =>
  numbered([
    `Penyelenggaraan pelayanan memberikan jaminan dan keselamatan kepada ${party} dengan menempatkan ${guards ? "petugas keamanan dan " : ""}fasilitas keselamatan seperti ketersediaan APAR di tempat pelayanan;`,
    "Penyelenggaraan pelayanan memberikan jaminan dan keselamatan kepada petugas pelayanan menyediakan sarana dan prasarana keamanan dan keselamatan; dan",
    "Penyelenggaraan pelayanan mendapatkan jaminan perlindungan hukum dalam melaksanakan tugas sesuai dengan ketentuan peraturan perundangan berupa bantuan hukum.",
  ]);

export const EVALUATION =
  "Evaluasi kinerja pelayanan dilakukan secara rutin dan teratur serta melakukan perbaikan secara berkelanjutan.";

/** Sarana of the Rehabilitasi Sosial services; `vehicle` quotes the vehicle line when the section has one. */
export const rehsosFacilities = (vehicle?: string): string =>
  numbered([
    "Ruang dan/atau meja kerja;",
    "Ruang dan rak arsip;",
    "Peralatan Komputer dan Printer;",
    "Seragam pelayanan dan seragam lapangan;",
    ...(vehicle ? [`${vehicle};`] : []),
    "Peralatan keselamatan dan keamanan;",
    "Jaringan internet;",
    "ID pegawai.",
  ]);

/** Pengawasan Internal of the Rehabilitasi Sosial services, by the team that carries the service. */
export const rehsosSupervision = (lead: string): string =>
  numbered([
    `Pengawasan umum penyelenggaraan pelayanan dilakukan oleh atasan langsung secara berjenjang; a. Pelaksana diawasi oleh ${lead}; b. ${lead} diawasi oleh Kepala Bidang Rehabilitasi Sosial; c. Kepala Bidang Rehabilitasi Sosial diawasi oleh Sekretaris Dinas; dan d. Sekretaris Dinas diawasi oleh Kepala Dinas`,
    "Pengawasan fungsional penyelenggaraan pelayanan dilakukan oleh Inspektorat Kabupaten Bekasi;",
    "Tersedia mekanisme pengaduan, aplikasi dan media sosial online penanganan pengaduan;",
  ]);

/** Penanganan Pengaduan of the Rehabilitasi Sosial services. */
export function rehsosComplaints(
  desk: string,
  youtube = false,
  office = "Datang langsung ke kantor Dinas Sosial Kabupaten Bekasi",
): NonNullable<StandardDef["complaints"]> {
  return {
    text: `Pengaduan bisa dilakukan melalui berbagai kanal media baik secara offline maupun online. Offline: ${office}; Pengaduan disampaikan langsung ke ${desk}.`,
    channels: [
      { kind: "in-person", value: office },
      { kind: "in-person", value: desk },
      { kind: "facebook", value: "Dinsos Kab-Bekasi" },
      { kind: "instagram", value: "dinsos.bkskab" },
      { kind: "twitter", value: "dinsos_bkskab" },
      ...(youtube ? [{ kind: "youtube", value: "Dinsos Kab Bekasi" }] : []),
      { kind: "sp4n-lapor", value: "SP4N Lapor" },
    ],
  };
}

/** Penanganan Pengaduan of the Penanganan Fakir Miskin services (SLRT). */
export const PFM_COMPLAINTS: NonNullable<StandardDef["complaints"]> = {
  text: "1. Pelayanan Tatap Muka di Ruang SLRT; 2. Alamat Kantor Ruko Porto Square Blok C No 1, Deltamas, Central Cikarang; 3. Span Lapor Media Sosial Dinas Sosial.",
  channels: [
    { kind: "in-person", value: "Ruang SLRT" },
    { kind: "in-person", value: "Ruko Porto Square Blok C No 1, Deltamas, Central Cikarang" },
    { kind: "sp4n-lapor", value: "SP4N Lapor / Media Sosial Dinas Sosial" },
  ],
};

export const OFFICE_HOURS = { officeStart: "08:00", officeEnd: "15:30" } as const;
