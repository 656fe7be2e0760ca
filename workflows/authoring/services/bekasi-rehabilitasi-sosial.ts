/**
 * Bidang Rehabilitasi Sosial, Kabupaten Bekasi (seed 003, Lampiran II, III.a and III.c-h):
 * referral, ODGJ handling, recommendation for a child with special needs, assistive devices,
 * repatriation of WTS, of homeless and beggars, and of stranded persons.
 */
import {
  chain,
  doc,
  end,
  flow,
  merge,
  notes,
  notify,
  type ServiceDef,
  type StandardDef,
  start,
  user,
  xor,
  yes,
} from "../dsl";
import { checkDocuments, done, ids, requirements, returnToApplicant, scenario, startingAt } from "../patterns";
import {
  BEKASI,
  BEKASI_OFFICE,
  BEKASI_PLEDGE,
  BEKASI_SEED,
  BEKASI_VALID_FROM,
  competence,
  EVALUATION,
  GUARANTEE,
  OFFICE_HOURS,
  REHSOS_LEGAL,
  rehsosComplaints,
  rehsosFacilities,
  rehsosSupervision,
  SAFETY,
} from "../sources/bekasi-2023";

interface Section {
  code: string;
  name: string;
  requirements: StandardDef["requirements"];
  procedure: StandardDef["procedure"];
  time: NonNullable<StandardDef["completionTime"]>;
  product: string;
  desk: string;
  youtube?: boolean;
  complaintOffice?: string;
  staff: string;
  education: string;
  vehicle?: string;
  lead: string;
  supervision?: string;
  safety: string;
}

function standard(s: Section): StandardDef {
  return {
    code: s.code,
    name: s.name,
    office: BEKASI_OFFICE,
    validFrom: BEKASI_VALID_FROM,
    legalBasis: REHSOS_LEGAL,
    requirements: s.requirements,
    procedure: s.procedure,
    completionTime: { ...OFFICE_HOURS, ...s.time },
    fee: { amount: 0, text: "Rp. 0,-" },
    products: [{ name: s.product }],
    complaints: rehsosComplaints(s.desk, s.youtube, s.complaintOffice),
    components: {
      facilities: rehsosFacilities(s.vehicle),
      competence: competence(s.education),
      supervision: s.supervision ?? rehsosSupervision(s.lead),
      staffCount: s.staff,
      serviceGuarantee: GUARANTEE,
      safetyGuarantee: s.safety,
      evaluation: EVALUATION,
      pledge: BEKASI_PLEDGE,
    },
  };
}

const source = (section: string) => ({ seed: BEKASI_SEED, section: `Lampiran II, ${section}` });

// III.a Layanan Rujukan ---------------------------------------------------------------------------

const RUJUKAN_REQ = [
  {
    id: "syarat01",
    name: "Surat Pengantar dari Desa/Kelurahan, Kecamatan, Kepolisian, Instansi lain/ Stakeholder",
    providedBy: "reporter",
  },
  {
    id: "syarat02",
    name: "Kartu Identitas/Kartu Keluarga (Jika Ada) PPKS/Klien",
    mandatory: false,
    providedBy: "reporter",
  },
];

export const RUJUKAN: ServiceDef = {
  slug: "layanan-rujukan",
  processId: "layanan_rujukan_3216",
  name: "Pemberian Layanan Rujukan — Kabupaten Bekasi",
  district: BEKASI,
  source: source("III.a Pelaksanaan Pemberian Layanan Rujukan"),
  standard: standard({
    code: "BKS-REHSOS-RUJUKAN",
    name: "Pemberian Layanan Rujukan",
    requirements: RUJUKAN_REQ,
    procedure: [
      "Dinas Sosial menerima laporan penemuan Anak/Lansia/Disabilitas terlantar dari masyarakat, Kelurahan, Kecamatan, maupun kepolisian;",
      ["front-office", "Dinas Sosial Kab. Bekasi memeriksa Dokumen Persyaratan Pelayanan dari aduan Pelapor;"],
      [
        "back-office",
        "Dinas Sosial Kabupaten Bekasi bersama Pelapor membuat Berita Acara Serah Terima Klien ke Rumah Singgah Dinas Sosial untuk dilakukan asesmen lanjutan terhadap klien dan mendapatkan layanan rehabilitasi sosial dasar selama 7 hari;",
      ],
      [
        "pekerja-sosial",
        "Pelaksana Dinas Sosial berkoordinasi dengan lintas sektoral untuk melakukan penelusuran keluarga klien, meliputi : Koordinasi dengan kecamatan atau kelurahan terkait asal usul klien dan Koordinasi dengan Disdukcapil untuk melakukan pengecekan sidik jari dan iris mata;",
      ],
      [
        "pekerja-sosial",
        "Bagi Klien yang telah ditemukan keluarganya, Pelaksana Dinas Sosial akan memulangkan klien tersebut kepada keluarganya dengan dilengkapi Berita Acara Pemulangan dari Dinas Sosial kepada Keluarga;",
      ],
      [
        "pekerja-sosial",
        "Jika klien yang sama sekali tidak ditemukan keluarganya, Pegawai Dinas Sosial akan berkoordinasi dengan Lembaga Kesejahteraan Sosial (LKS) untuk merujuk klien agar mendapatkan layanan rehabilitasi sosial lanjut;",
      ],
      "Dinas Sosial membuat Berita Acara Serah Terima Klien yang diantar dan diserahkan kepada Lembaga Kesejahteraan Sosial",
    ],
    time: { value: 7, unit: "workingDays", text: "Jam kerja 08.00 – 15.30; 7 Hari Kerja" },
    product: "Rehabilitasi dan Berita Acara",
    desk: "Kepala UPTD Rumah Singgah",
    staff: "6 Orang",
    education: "SMA/SMK",
    vehicle: "Kendaraan Roda Empat dan Roda Dua",
    lead: "Kepala UPTD Rumah Singgah",
    supervision:
      "1. Pengawasan umum penyelenggaraan pelayanan dilakukan oleh atasan langsung secara berjenjang;\n2. Pelaksana diawasi oleh Kepala UPTD Rumah Singgah;\n3. Kepala UPTD Rumah Singgah diawasi oleh Kepala Bidang Rehabilitasi Sosial;\n4. Kepala Bidang Rehabilitasi Sosial diawasi oleh Sekretaris Dinas; dan\n5. Sekretaris Dinas diawasi oleh Kepala Dinas\n6. Pengawasan fungsional penyelenggaraan pelayanan dilakukan oleh Inspektorat Kabupaten Bekasi;\n7. Tersedia mekanisme pengaduan, aplikasi dan media sosial online penanganan pengaduan;",
    safety: SAFETY("pelanggan"),
  }),
  nodes: [
    start("start", "Laporan penemuan PPKS terlantar"),
    checkDocuments("periksaDokumen", "Periksa dokumen dari pelapor", ["front-office"], ids(RUJUKAN_REQ), undefined, [
      { key: "namaPelapor", label: "Nama pelapor / instansi", type: "textfield", required: true },
    ]),
    doc(
      "baRumahSinggah",
      "Berita acara serah terima klien ke Rumah Singgah",
      "ba-serah-terima-rumah-singgah",
      "Berita Acara Serah Terima Klien ke Rumah Singgah",
    ),
    user("asesmen", "Asesmen lanjutan dan rehabilitasi sosial dasar", {
      roles: ["pekerja-sosial"],
      sla: { value: 2, unit: "workingDays" },
      fields: [{ key: "hasilAsesmen", label: "Hasil asesmen", type: "textarea", required: true }],
    }),
    user("penelusuran", "Penelusuran keluarga (kelurahan, Disdukcapil: sidik jari dan iris mata)", {
      roles: ["pekerja-sosial"],
      sla: { value: 5, unit: "workingDays" },
      escalateTo: ["kepala-bidang"],
      fields: [
        yes("keluargaDitemukan", "Keluarga klien ditemukan"),
        { key: "alamatKeluarga", label: "Alamat keluarga", type: "textfield" },
        notes,
      ],
    }),
    xor("hasilPenelusuran", "Keluarga ditemukan?"),
    user("pulangkan", "Pulangkan klien kepada keluarga", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "tanggalPemulangan", label: "Tanggal pemulangan", type: "datetime", required: true }],
    }),
    doc(
      "baPemulangan",
      "Berita acara pemulangan kepada keluarga",
      "ba-pemulangan-keluarga",
      "Berita Acara Pemulangan dari Dinas Sosial kepada Keluarga",
    ),
    end("dipulangkan", "Klien dipulangkan"),
    user("rujukLks", "Koordinasi dengan LKS untuk rujukan rehabilitasi lanjut", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "namaLks", label: "Nama LKS tujuan", type: "textfield", required: true }],
    }),
    doc(
      "baLks",
      "Berita acara serah terima klien kepada LKS",
      "ba-serah-terima-lks",
      "Berita Acara Serah Terima Klien kepada Lembaga Kesejahteraan Sosial",
    ),
    end("dirujuk", "Klien dirujuk ke LKS"),
  ],
  flows: [
    ...chain("start", "periksaDokumen", "baRumahSinggah", "asesmen", "penelusuran", "hasilPenelusuran"),
    flow("hasilPenelusuran", "pulangkan", { name: "Ditemukan", condition: "=keluargaDitemukan = true" }),
    flow("hasilPenelusuran", "rujukLks", { name: "Tidak ditemukan", isDefault: true }),
    ...chain("pulangkan", "baPemulangan", "dipulangkan"),
    ...chain("rujukLks", "baLks", "dirujuk"),
  ],
  scenarios: [
    scenario(
      "keluarga-ditemukan",
      "Laporan kelurahan; asesmen 2 hari kerja; penelusuran 5 hari kerja menemukan keluarga; klien dipulangkan dengan berita acara.",
      [
        done("periksaDokumen", "front-office", { docsComplete: true, namaPelapor: "Kelurahan Sukamahi" }),
        done("asesmen", "pekerja-sosial", { hasilAsesmen: "Lansia, sehat" }, "2024-10-04T15:30:00+07:00"),
        done(
          "penelusuran",
          "pekerja-sosial",
          { keluargaDitemukan: true, alamatKeluarga: "Karawang" },
          "2024-10-09T15:30:00+07:00",
        ),
        done("pulangkan", "pekerja-sosial", { tanggalPemulangan: "2024-10-09" }),
      ],
      { end: "dipulangkan", documents: ["ba-serah-terima-rumah-singgah", "ba-pemulangan-keluarga"], notifications: [] },
    ),
    // Counted by hand on the 2026 calendar (shared/src/calendar/data/cuti-bersama-2026.json): the
    // report comes on Monday 16 March at 10:00, a working day that does not count. Tuesday 17 is
    // working day 1; then the office is closed Wednesday 18 (cuti bersama Nyepi), Thursday 19
    // (Nyepi), Friday 20 (cuti bersama Idul Fitri), Saturday 21 and Sunday 22 (Idul Fitri 1447 H,
    // also the weekend), Monday 23 and Tuesday 24 (cuti bersama). Wednesday 25 is day 2 (the
    // assessment's 2 working days), Thursday 26 day 3, Friday 27 day 4, Monday 30 day 5 (the
    // tracing's 5), Tuesday 31 day 6, Wednesday 1 April day 7 (the service's 7 working days).
    startingAt(
      "2026-03-16T10:00:00+07:00",
      scenario(
        "menjelang-idul-fitri-2026",
        "Laporan masuk Senin 16 Maret 2026, menjelang Nyepi dan Idul Fitri: cuti bersama dan hari libur tidak dihitung.",
        [
          done("periksaDokumen", "front-office", { docsComplete: true, namaPelapor: "Kelurahan Sukamahi" }),
          done("asesmen", "pekerja-sosial", { hasilAsesmen: "Lansia, sehat" }, "2026-03-25T15:30:00+07:00"),
          done(
            "penelusuran",
            "pekerja-sosial",
            { keluargaDitemukan: true, alamatKeluarga: "Karawang" },
            "2026-03-30T15:30:00+07:00",
          ),
          done("pulangkan", "pekerja-sosial", { tanggalPemulangan: "2026-03-30" }),
        ],
        {
          end: "dipulangkan",
          documents: ["ba-serah-terima-rumah-singgah", "ba-pemulangan-keluarga"],
          notifications: [],
        },
      ),
      "2026-04-01T15:30:00+07:00",
    ),
    scenario(
      "dirujuk-ke-lks",
      "Keluarga tidak ditemukan: klien dirujuk ke LKS dengan berita acara serah terima.",
      [
        done("periksaDokumen", "front-office", { docsComplete: true, namaPelapor: "Polsek Cikarang" }),
        done("asesmen", "pekerja-sosial", { hasilAsesmen: "Anak terlantar" }),
        done("penelusuran", "pekerja-sosial", { keluargaDitemukan: false }),
        done("rujukLks", "pekerja-sosial", { namaLks: "LKSA Harapan" }),
      ],
      { end: "dirujuk", documents: ["ba-serah-terima-rumah-singgah", "ba-serah-terima-lks"], notifications: [] },
    ),
  ],
  coverage:
    "family found → returned home; not found → referred to an LKS; due dates of assessment (2 WD), tracing (5 WD) and case (7 WD), also across Nyepi, Idul Fitri 2026 and cuti bersama",
};

// III.c Penanganan ODGJ ---------------------------------------------------------------------------

const ODGJ_REQ = [
  {
    id: "syarat01",
    name: "Mendapatkan laporan dari masyarakat atau instansi pemerintah setempat",
    providedBy: "reporter",
  },
  {
    id: "syarat02",
    name: "Mengarahkan kepada pemerintah setempat atau pelapor untuk menyiapkan kartu identitas bagi ODGJ yang memiliki keluarga untuk selanjutnya bersurat kepada Dinas Sosial",
    mandatory: false,
    providedBy: "reporter",
  },
];

export const ODGJ: ServiceDef = {
  slug: "penanganan-odgj",
  processId: "penanganan_odgj_3216",
  name: "Penanganan Orang Dalam Gangguan Jiwa (ODGJ) — Kabupaten Bekasi",
  district: BEKASI,
  source: source("III.c Pelaksanaan Pelayanan Penanganan ODGJ"),
  // Mental-health data is specific personal data (UU 27/2022 art. 4): every read is audited.
  // Which fields to restrict, and for how long to keep the files, is the office's call; none yet.
  privacy: { sensitive: true },
  standard: standard({
    code: "BKS-REHSOS-ODGJ",
    name: "Penanganan Orang Dalam Gangguan Jiwa (ODGJ)",
    requirements: ODGJ_REQ,
    procedure: [
      "ODGJ Terlantar / ODGJ yang mempunyai Keluarga: Menerima laporan dari masyarakat atau instansi pemerintah setempat terkait Orang Dengan Gangguan Jiwa (ODGJ) yang meresahkan masyarakat;",
      [
        "pekerja-sosial",
        "Dinas sosial Kabupaten Bekasi menerima laporan tersebut, lalu mendatangi lokasi keberadaan ODGJ tersebut dan mencari informasi keberadaan keluarga ODGJ tersebut didampingi oleh Pekerja Sosial Masyarakat (PSM), TKSK, TKSPD dan Instansi Pemerintah Setempat;",
      ],
      [
        "pekerja-sosial",
        "Dinas Sosial Kab. Bekasi berkoordinasi dengan Puskesmas Wilayah setempat yang membidangi kesehatan jiwa;",
      ],
      [
        "pekerja-sosial",
        "ODGJ Terlantar: Setelah dinyatakan ODGJ oleh Puskesmas, maka Dinas Sosial Kab. Bekasi berkoordinasi dengan Panti atau Lembaga Kesejahteraan Sosial untuk proses penjemputan ODGJ; Dinas Sosial membuat Surat Rekomendasi Orang Dengan Gangguan Jiwa yang diserahkan kepada Panti atau Lembaga Kesejahteraan Sosial.",
      ],
      [
        "pekerja-sosial",
        "ODGJ yang mempunyai Keluarga: Setelah dinyatakan ODGJ oleh Puskesmas, maka Dinas Sosial Kab. Bekasi akan mengembalikan ke keluarganya dilengkapi dengan Berita Acara; Jika keluarganya tidak mampu, maka Dinas Sosial membuat Surat Rekomendasi Orang Dengan Gangguan Jiwa yang diserahkan kepada Panti atau Lembaga Kesejahteraan Sosial disertai dengan adanya kesepakatan antara pihak keluarga dengan pihak panti.",
      ],
    ],
    time: { value: 1, unit: "workingDays", text: "Jam kerja 08.00 – 15.30; 1 Hari Kerja" },
    product: "Rehabilitasi",
    desk: "Subkoordinator Disabilitas",
    staff: "5 Orang",
    education: "SMA/SMK",
    vehicle: "Kendaraan Roda Empat dan Roda Dua",
    lead: "Ketua Tim Penyandang Disabilitas",
    safety: SAFETY("klien"),
  }),
  nodes: [
    start("start", "Laporan ODGJ dari masyarakat/instansi"),
    user("datangiLokasi", "Datangi lokasi dan cari informasi keluarga (dengan PSM/TKSK)", {
      roles: ["pekerja-sosial", "tksk"],
      sla: { value: 1, unit: "workingDays" },
      documents: ["syarat01"],
      fields: [
        { key: "lokasi", label: "Lokasi ODGJ", type: "textfield", required: true },
        yes("punyaKeluarga", "ODGJ mempunyai keluarga"),
      ],
    }),
    user("koordinasiPuskesmas", "Koordinasi dengan Puskesmas (kesehatan jiwa)", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "keteranganPuskesmas", label: "Keterangan Puskesmas", type: "textarea", required: true }],
    }),
    xor("adaKeluarga", "Mempunyai keluarga?"),
    user("kembalikanKeluarga", "Kembalikan ODGJ kepada keluarga", {
      roles: ["pekerja-sosial"],
      documents: ["syarat02"],
      fields: [yes("keluargaMampu", "Keluarga mampu merawat")],
    }),
    xor("keluargaMampuGw", "Keluarga mampu?"),
    doc(
      "baPengembalian",
      "Berita acara pengembalian kepada keluarga",
      "ba-pengembalian-odgj",
      "Berita Acara Pengembalian ODGJ kepada Keluarga",
    ),
    end("dikembalikan", "ODGJ kembali ke keluarga"),
    user("kesepakatanPanti", "Kesepakatan keluarga dengan panti/LKS", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "namaPanti", label: "Panti / LKS", type: "textfield", required: true }],
    }),
    user("koordinasiPenjemputan", "Koordinasi penjemputan ODGJ dengan panti/LKS", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "namaPanti", label: "Panti / LKS", type: "textfield", required: true }],
    }),
    merge("gabungRekomendasi"),
    doc(
      "suratRekomendasi",
      "Surat rekomendasi ODGJ untuk panti/LKS",
      "surat-rekomendasi-odgj",
      "Surat Rekomendasi Orang Dengan Gangguan Jiwa",
    ),
    end("diserahkanPanti", "ODGJ diserahkan ke panti/LKS"),
  ],
  flows: [
    ...chain("start", "datangiLokasi", "koordinasiPuskesmas", "adaKeluarga"),
    flow("adaKeluarga", "kembalikanKeluarga", { name: "Punya keluarga", condition: "=punyaKeluarga = true" }),
    flow("adaKeluarga", "koordinasiPenjemputan", { name: "Terlantar", isDefault: true }),
    ...chain("kembalikanKeluarga", "keluargaMampuGw"),
    flow("keluargaMampuGw", "baPengembalian", { name: "Mampu", condition: "=keluargaMampu = true" }),
    flow("keluargaMampuGw", "kesepakatanPanti", { name: "Tidak mampu", isDefault: true }),
    ...chain("baPengembalian", "dikembalikan"),
    ...chain("kesepakatanPanti", "gabungRekomendasi"),
    ...chain("koordinasiPenjemputan", "gabungRekomendasi", "suratRekomendasi", "diserahkanPanti"),
  ],
  scenarios: [
    scenario(
      "terlantar",
      "ODGJ terlantar: Puskesmas menyatakan ODGJ; penjemputan oleh panti; surat rekomendasi.",
      [
        done(
          "datangiLokasi",
          "pekerja-sosial",
          { lokasi: "Pasar Cikarang", punyaKeluarga: false },
          "2024-10-03T15:30:00+07:00",
        ),
        done("koordinasiPuskesmas", "pekerja-sosial", { keteranganPuskesmas: "ODGJ" }),
        done("koordinasiPenjemputan", "pekerja-sosial", { namaPanti: "Panti Bina Laras" }),
      ],
      { end: "diserahkanPanti", documents: ["surat-rekomendasi-odgj"], notifications: [] },
    ),
    // Counted by hand on the 2025 calendar (cuti-bersama-2025.json): the report comes on
    // Wednesday 24 December 2025 at 16:00, after closing (15:30), so it is received at the next
    // working day's opening: Thursday 25 is Christmas, Friday 26 cuti bersama, 27-28 the weekend,
    // so Monday 29 December 08:00, which does not count. One working day: Tuesday 30, 15:30.
    startingAt(
      "2025-12-24T16:00:00+07:00",
      scenario(
        "malam-natal",
        "Laporan masuk Rabu 24 Desember 2025 pukul 16.00, setelah jam kerja, sebelum Natal, cuti bersama dan akhir pekan.",
        [
          done(
            "datangiLokasi",
            "pekerja-sosial",
            { lokasi: "Pasar Cikarang", punyaKeluarga: false },
            "2025-12-30T15:30:00+07:00",
          ),
          done("koordinasiPuskesmas", "pekerja-sosial", { keteranganPuskesmas: "ODGJ" }),
          done("koordinasiPenjemputan", "pekerja-sosial", { namaPanti: "Panti Bina Laras" }),
        ],
        { end: "diserahkanPanti", documents: ["surat-rekomendasi-odgj"], notifications: [] },
      ),
      "2025-12-30T15:30:00+07:00",
    ),
    scenario(
      "keluarga-mampu",
      "ODGJ dengan keluarga yang mampu: dikembalikan dengan berita acara.",
      [
        done("datangiLokasi", "tksk", { lokasi: "Desa Sukamahi", punyaKeluarga: true }),
        done("koordinasiPuskesmas", "pekerja-sosial", { keteranganPuskesmas: "ODGJ" }),
        done("kembalikanKeluarga", "pekerja-sosial", { keluargaMampu: true }),
      ],
      { end: "dikembalikan", documents: ["ba-pengembalian-odgj"], notifications: [] },
    ),
    scenario(
      "keluarga-tidak-mampu",
      "ODGJ dengan keluarga yang tidak mampu: kesepakatan keluarga dan panti, surat rekomendasi.",
      [
        done("datangiLokasi", "pekerja-sosial", { lokasi: "Desa Sukaresmi", punyaKeluarga: true }),
        done("koordinasiPuskesmas", "pekerja-sosial", { keteranganPuskesmas: "ODGJ" }),
        done("kembalikanKeluarga", "pekerja-sosial", { keluargaMampu: false }),
        done("kesepakatanPanti", "pekerja-sosial", { namaPanti: "Panti Bina Laras" }),
      ],
      { end: "diserahkanPanti", documents: ["surat-rekomendasi-odgj"], notifications: [] },
    ),
  ],
  coverage:
    "abandoned → panti with recommendation; with family able → returned; family unable → agreement and recommendation; 1-WD due date, also reported after closing before Christmas 2025",
};

// III.d Anak Berkebutuhan Khusus ------------------------------------------------------------------

const ABK_REQ = requirements([
  "Surat Permohonan",
  "KTP Pemohon (Foto Copy)",
  "Kartu Keluarga (Foto Copy)",
  "Akte Kelahiran (Foto Copy)",
  "KTP Orang Tua/Wali (Foto Copy)",
  "Akta Nikah Orang Tua/Wali (Foto Copy)",
  "Surat Keterangan dari Puskesmas",
]);
const abkBack = returnToApplicant("berkasLengkap", "buatRekomendasi");

export const ABK: ServiceDef = {
  slug: "rekomendasi-anak-berkebutuhan-khusus",
  processId: "rekomendasi_abk_3216",
  name: "Surat Rekomendasi untuk Anak Berkebutuhan Khusus — Kabupaten Bekasi",
  district: BEKASI,
  source: source("III.d Anak Berkebutuhan Khusus"),
  standard: standard({
    code: "BKS-REHSOS-ABK",
    name: "Permohonan Surat Rekomendasi untuk Anak Berkebutuhan Khusus",
    requirements: ABK_REQ,
    procedure: [
      "Pemohon datang ke Dinas Sosial membawa dokumen persyaratan",
      ["front-office", "Dinas Sosial menerima dokumen persyaratannya, lalu melakukan verifikasi dokumen pemohon"],
      ["back-office", "Membuatkan surat rekomendasi"],
      ["front-office", "Surat Rekomendasi diberikan kepada Pemohon"],
    ],
    time: { value: 1, maxValue: 2, unit: "workingDays", text: "Jam kerja 08.00 – 15.30; 1-2 Hari Kerja" },
    product: "Surat Rekomendasi",
    desk: "Subkoordinator Disabilitas",
    staff: "2 Orang",
    education: "SMA/SMK",
    lead: "Ketua Tim Penyandang Disabilitas",
    safety: SAFETY("pelanggan"),
  }),
  nodes: [
    start("start", "Pemohon datang ke Dinas Sosial"),
    checkDocuments("verifikasi", "Terima dan verifikasi dokumen pemohon", ["front-office"], ids(ABK_REQ), undefined, [
      { key: "namaAnak", label: "Nama anak", type: "textfield", required: true },
    ]),
    xor("berkasLengkap", "Dokumen lengkap?"),
    user("buatRekomendasi", "Buat surat rekomendasi", {
      roles: ["back-office"],
      sla: { value: 2, unit: "workingDays" },
      fields: [{ key: "keperluan", label: "Keperluan rekomendasi", type: "textfield", required: true }],
    }),
    user("tandatangan", "Tandatangani surat rekomendasi", {
      roles: ["kepala-bidang"],
      fields: [yes("ditandatangani", "Ditandatangani")],
    }),
    doc(
      "terbitkan",
      "Terbitkan surat rekomendasi",
      "surat-rekomendasi-abk",
      "Surat Rekomendasi Anak Berkebutuhan Khusus",
    ),
    user("serahkan", "Berikan surat rekomendasi kepada pemohon", {
      roles: ["front-office"],
      fields: [yes("diserahkan", "Diserahkan")],
    }),
    end("selesai", "Rekomendasi diberikan"),
    ...abkBack.nodes,
  ],
  flows: [
    ...chain("start", "verifikasi", "berkasLengkap"),
    ...abkBack.flows,
    ...chain("buatRekomendasi", "tandatangan", "terbitkan", "serahkan", "selesai"),
  ],
  scenarios: [
    scenario(
      "utama",
      "Dokumen lengkap; rekomendasi dibuat (2 hari kerja), ditandatangani dan diberikan.",
      [
        done("verifikasi", "front-office", { docsComplete: true, namaAnak: "Rafi" }),
        done("buatRekomendasi", "back-office", { keperluan: "bekerja di tempat swasta" }, "2024-10-04T15:30:00+07:00"),
        done("tandatangan", "kepala-bidang", { ditandatangani: true }),
        done("serahkan", "front-office", { diserahkan: true }),
      ],
      { end: "selesai", documents: ["surat-rekomendasi-abk"], notifications: [] },
    ),
    scenario(
      "dokumen-tidak-lengkap",
      "Surat keterangan Puskesmas tidak ada: dokumen dikembalikan.",
      [
        done("verifikasi", "front-office", {
          docsComplete: false,
          namaAnak: "Nina",
          kekuranganDokumen: "Surat Puskesmas",
        }),
      ],
      { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
    ),
  ],
  coverage: "complete → recommendation (2-WD due) → signed → handed over; incomplete returned",
};

// III.e Alat Bantu ----------------------------------------------------------------------------------

const ALAT_REQ = requirements([
  "Proposal",
  "KTP",
  "Kartu Keluarga",
  "Surat Keterangan Tidak Mampu",
  "Surat Keterangan dari Puskesmas",
  "Foto Pemohon",
]);
const alatBack = returnToApplicant("berkasLengkap", "homeVisit");

export const ALAT_BANTU: ServiceDef = {
  slug: "alat-bantu-disabilitas",
  processId: "alat_bantu_disabilitas_3216",
  name: "Permohonan Alat Bantu bagi Disabilitas — Kabupaten Bekasi",
  district: BEKASI,
  source: source("III.e Permohonan Alat Bantu Bagi Disabilitas"),
  standard: standard({
    code: "BKS-REHSOS-ALATBANTU",
    name: "Permohonan Alat Bantu",
    requirements: ALAT_REQ,
    procedure: [
      "Pemohon datang ke Dinas Sosial membawa dokumen persyaratan",
      ["front-office", "Dinas Sosial menerima dokumen persyaratannya, lalu melakukan verifikasi dokumen pemohon"],
      ["pekerja-sosial", "Home visit atau Meninjau langsung ke tempat tinggal pemohon"],
      ["pekerja-sosial", "Dinas sosial mengantarkan alat bantu bagi disabilitas langsung ke tempat tinggal pemohon"],
    ],
    time: { value: 3, unit: "months", text: "Jam kerja 08.00 – 15.30; 3 Bulan" },
    product: "Kursi Roda",
    desk: "Subkoordinator Disabilitas",
    youtube: true,
    staff: "6 Orang",
    education: "SMA/SMK",
    vehicle: "Kendaraan Roda Empat",
    lead: "Ketua Tim Penyandang Disabilitas",
    safety: SAFETY("pelanggan", true),
  }),
  nodes: [
    start("start", "Pemohon datang ke Dinas Sosial"),
    checkDocuments("verifikasi", "Terima dan verifikasi dokumen pemohon", ["front-office"], ids(ALAT_REQ), undefined, [
      { key: "jenisAlat", label: "Alat bantu yang dimohon", type: "textfield", required: true },
    ]),
    xor("berkasLengkap", "Dokumen lengkap?"),
    user("homeVisit", "Home visit ke tempat tinggal pemohon", {
      roles: ["pekerja-sosial"],
      sla: { value: 10, unit: "workingDays" },
      fields: [
        yes("layak", "Pemohon layak menerima alat bantu"),
        { key: "laporanKunjungan", label: "Laporan kunjungan", type: "textarea" },
      ],
    }),
    xor("hasilKunjungan", "Layak?"),
    user("antarAlat", "Antar alat bantu ke tempat tinggal pemohon", {
      roles: ["pekerja-sosial", "back-office"],
      sla: { value: 3, unit: "months" },
      fields: [{ key: "tanggalPenyerahan", label: "Tanggal penyerahan", type: "datetime", required: true }],
    }),
    doc(
      "baSerahTerima",
      "Berita acara serah terima alat bantu",
      "ba-serah-terima-alat-bantu",
      "Berita Acara Serah Terima Alat Bantu",
    ),
    end("selesai", "Alat bantu diterima"),
    notify(
      "kabarTidakLayak",
      "Kabari pemohon: tidak memenuhi kriteria",
      "applicant",
      "Permohonan alat bantu tidak dapat dipenuhi setelah peninjauan.",
    ),
    end("tidakLayak", "Permohonan tidak dipenuhi"),
    ...alatBack.nodes,
  ],
  flows: [
    ...chain("start", "verifikasi", "berkasLengkap"),
    ...alatBack.flows,
    ...chain("homeVisit", "hasilKunjungan"),
    flow("hasilKunjungan", "antarAlat", { name: "Layak", condition: "=layak = true" }),
    flow("hasilKunjungan", "kabarTidakLayak", { name: "Tidak layak", isDefault: true }),
    ...chain("antarAlat", "baSerahTerima", "selesai"),
    flow("kabarTidakLayak", "tidakLayak"),
  ],
  scenarios: [
    scenario(
      "utama",
      "Dokumen lengkap; home visit (10 hari kerja); kursi roda diantar (batas 3 bulan).",
      [
        done("verifikasi", "front-office", { docsComplete: true, jenisAlat: "Kursi roda" }),
        done("homeVisit", "pekerja-sosial", { layak: true }, "2024-10-16T15:30:00+07:00"),
        done("antarAlat", "pekerja-sosial", { tanggalPenyerahan: "2024-12-01" }),
      ],
      { end: "selesai", documents: ["ba-serah-terima-alat-bantu"], notifications: [] },
    ),
    scenario(
      "tidak-layak",
      "Peninjauan menyatakan tidak layak.",
      [
        done("verifikasi", "front-office", { docsComplete: true, jenisAlat: "Kursi roda" }),
        done("homeVisit", "pekerja-sosial", { layak: false }),
      ],
      { end: "tidakLayak", documents: [], notifications: ["kabarTidakLayak"] },
    ),
    scenario(
      "dokumen-tidak-lengkap",
      "Proposal tidak ada: dokumen dikembalikan.",
      [
        done("verifikasi", "front-office", {
          docsComplete: false,
          jenisAlat: "Kursi roda",
          kekuranganDokumen: "Proposal",
        }),
      ],
      { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
    ),
  ],
  coverage: "complete → home visit (10-WD due) → wheelchair delivered; not eligible; incomplete returned",
};

// III.f / III.g Pemulangan WTS and Gepeng ----------------------------------------------------------

const TUNA_REQ = requirements([
  "Hasil penertiban SATPOL PP",
  "Surat Permohonan Rehabilitasi Sosial",
  "Fotocopy KTP dan Kartu Keluarga",
  "Surat Pernyataan Bersedia Mengikuti Rehabilitasi",
]);
const TUNA_PRODUCT =
  "Berita Acara Serah Terima klien diterima di Panti Sosial Tuna Sosial (PSTS)/Balai Rehabilitasi Sosial/Lembaga Kesejahteraan Sosial";

function tunaSosial(opts: {
  slug: string;
  processId: string;
  name: string;
  section: string;
  standard: StandardDef;
  intake: string;
  conditions: string;
  sla: number;
}): ServiceDef {
  return {
    slug: opts.slug,
    processId: opts.processId,
    name: opts.name,
    district: BEKASI,
    source: source(opts.section),
    standard: opts.standard,
    nodes: [
      start("start", "Laporan masyarakat / RT/RW"),
      user("operasiLapangan", opts.intake, {
        roles: ["pekerja-sosial", "ketua-tim"],
        fields: [
          { key: "lokasi", label: "Lokasi operasi", type: "textfield", required: true },
          { key: "jumlahKlien", label: "Jumlah klien dibawa ke Rumah Singgah", type: "number", required: true },
        ],
      }),
      user("asesmen", "Pendataan, dokumentasi dan asesmen di Rumah Singgah", {
        roles: ["pekerja-sosial"],
        sla: { value: opts.sla, unit: "workingDays" },
        documents: ids(TUNA_REQ),
        escalateTo: ["ketua-tim"],
        fields: [
          yes("kondisiKhusus", "Memiliki kondisi khusus tertentu", opts.conditions),
          { key: "hasilAsesmen", label: "Hasil asesmen", type: "textarea", required: true },
        ],
      }),
      xor("kondisi", "Kondisi khusus?"),
      user("reunifikasi", "Reunifikasi keluarga", {
        roles: ["pekerja-sosial"],
        fields: [{ key: "alamatKeluarga", label: "Alamat keluarga", type: "textfield", required: true }],
      }),
      doc(
        "baReunifikasi",
        "Berita acara reunifikasi keluarga",
        "ba-reunifikasi-keluarga",
        "Berita Acara Reunifikasi Keluarga",
      ),
      end("kembaliKeluarga", "Klien kembali ke keluarga"),
      user("kirimPanti", "Kirim klien ke PSTS / Balai Rehabilitasi Sosial / LKS", {
        roles: ["pekerja-sosial"],
        fields: [{ key: "lembagaTujuan", label: "Lembaga tujuan", type: "textfield", required: true }],
      }),
      doc("baSerahTerima", "Berita acara serah terima klien", "ba-serah-terima-tuna-sosial", TUNA_PRODUCT),
      end("direhabilitasi", "Klien diterima lembaga rehabilitasi"),
    ],
    flows: [
      ...chain("start", "operasiLapangan", "asesmen", "kondisi"),
      flow("kondisi", "reunifikasi", { name: "Kondisi khusus", condition: "=kondisiKhusus = true" }),
      flow("kondisi", "kirimPanti", { name: "Tidak", isDefault: true }),
      ...chain("reunifikasi", "baReunifikasi", "kembaliKeluarga"),
      ...chain("kirimPanti", "baSerahTerima", "direhabilitasi"),
    ],
    scenarios: [
      scenario(
        "rehabilitasi",
        "Tanpa kondisi khusus: dikirim ke lembaga rehabilitasi dengan berita acara serah terima.",
        [
          done("operasiLapangan", "pekerja-sosial", { lokasi: "Jalan Raya Cikarang", jumlahKlien: 3 }),
          done(
            "asesmen",
            "pekerja-sosial",
            { kondisiKhusus: false, hasilAsesmen: "Sehat" },
            opts.sla === 1 ? "2024-10-03T15:30:00+07:00" : "2024-10-04T15:30:00+07:00",
          ),
          done("kirimPanti", "pekerja-sosial", { lembagaTujuan: "PSTS" }),
        ],
        { end: "direhabilitasi", documents: ["ba-serah-terima-tuna-sosial"], notifications: [] },
      ),
      scenario(
        "reunifikasi",
        "Kondisi khusus (mis. anak di bawah umur): reunifikasi keluarga.",
        [
          done("operasiLapangan", "ketua-tim", { lokasi: "Terminal Cikarang", jumlahKlien: 1 }),
          done("asesmen", "pekerja-sosial", { kondisiKhusus: true, hasilAsesmen: "Memiliki anak di bawah umur" }),
          done("reunifikasi", "pekerja-sosial", { alamatKeluarga: "Subang" }),
        ],
        { end: "kembaliKeluarga", documents: ["ba-reunifikasi-keluarga"], notifications: [] },
      ),
    ],
    coverage:
      "no special condition → rehabilitation institution; special condition → family reunification; assessment due date",
  };
}

export const PEMULANGAN_WTS = tunaSosial({
  slug: "pemulangan-wts",
  processId: "pemulangan_wts_3216",
  name: "Pengiriman dan Pemulangan Wanita Tuna Susila — Kabupaten Bekasi",
  section: "III.f Pengiriman dan Pemulangan Wanita Tuna Susila",
  intake: "Operasi lapangan bersama Satpol PP, Kodim dan Polres",
  conditions: "Penyakit menular, Memiliki anak dibawah umur dan masih menyusui, dan Orang dengan HIV/AIDS",
  sla: 2,
  standard: standard({
    code: "BKS-REHSOS-WTS",
    name: "Pemulangan Wanita Tuna Susila",
    requirements: TUNA_REQ,
    procedure: [
      "Masyarakat atau perangkat RT/RW melaporkan kepada Satpol PP tentang adanya Wanita Tuna Susila;",
      "Satpol PP membuat Surat Permohonan Bantuan Personil ke Dinas Sosial",
      [
        "pekerja-sosial",
        "Tim lapangan dari Satpol PP, Dinas Sosial, Kodim dan Polres Kab. Bekasi melaksanakan tugas lapangan ke lokasi Wanita Tuna Susila yang tersebar di wilayah kabupaten bekasi menggunakan mobil operasional Dinas;",
      ],
      "Wanita Tuna Susila terjaring dalam operasi razia;",
      "Wanita Tuna Susila yang terjaring dalam operasi razia dibawa ke Rumah Singgah Dinas Sosial Kabupaten Bekasi;",
      [
        "pekerja-sosial",
        "Wanita Tuna Susila yang terjaring dilakukan pendataan, dokumentasi, dan assessment untuk mengetahui apakah memiliki kondisi tertentu, seperti: Penyakit menular, Memiliki anak dibawah umur dan masih menyusui, dan Orang dengan HIV/AIDS;",
      ],
      [
        "pekerja-sosial",
        "Jika memiliki kondisi khusus tertentu, maka dilakukan Reunifikasi Keluarga. Jika tidak memiliki kondisi khusus tertentu, maka akan dilakukan Rehabilitasi Sosial Tuna Sosial di Panti Sosial Tuna Sosial (PSTS)/Balai Rehabilitasi Sosial/Lembaga Kesejahteraan Sosial.",
      ],
    ],
    time: { value: 1, maxValue: 2, unit: "workingDays", text: "Jam kerja 08.00 – 15.30; 1-2 Hari Kerja" },
    product: TUNA_PRODUCT,
    desk: "Subkoordinator Tuna Sosial",
    complaintOffice: "Datang langsung ke kantor Dinas Sosial/SLRT Kabupaten Bekasi",
    staff: "5 Orang",
    education: "SMA/SMK",
    vehicle: "Kendaraan Roda Empat",
    lead: "Ketua Tim Tuna Sosial",
    safety: SAFETY("pelanggan"),
  }),
});

export const PEMULANGAN_GEPENG = tunaSosial({
  slug: "pemulangan-gepeng",
  processId: "pemulangan_gepeng_3216",
  name: "Pengiriman dan Pemulangan Gelandangan dan Pengemis — Kabupaten Bekasi",
  section: "III.g Pelaksanaan Pelayanan Pengiriman dan Pemulangan Gelandang Pengemis",
  intake: "Operasi lapangan bersama Satpol PP",
  conditions: "penyakit menular dan Memiliki anak dibawah umur",
  sla: 1,
  standard: standard({
    code: "BKS-REHSOS-GEPENG",
    name: "Pengiriman Dan Pemulangan Gelandangan Pengemis",
    requirements: TUNA_REQ,
    procedure: [
      "Masyarakat atau perangkat RT/RW melaporkan kepada Dinas Sosial tentang adanya Gelandangan dan Pengemis kepada Dinas Sosial;",
      ["ketua-tim", "Dinas Sosial membuat surat Permintaan Tenaga Lapangan ke Satpol PP;"],
      [
        "pekerja-sosial",
        "Tim lapangan dari Dinas Sosial dan Satpol PP menindaklanjuti laporan masyarakat ke lokasi Gelandangan dan Pengemis menggunakan mobil operasional Dinas;",
      ],
      "Gelandangan dan Pengemis yang terciduk dalam operasi dibawa ke Rumah Singgah Dinas Sosial Kabupaten Bekasi;",
      [
        "pekerja-sosial",
        "Gelandangan dan Pengemis yang terciduk dilakukan pendataan, dokumentasi, dan assessment untuk mengetahui apakah memiliki kondisi tertentu, seperti: penyakit menular dan Memiliki anak dibawah umur;",
      ],
      [
        "pekerja-sosial",
        "Jika memiliki kondisi khusus tertentu, maka dilakukan Reunifikasi Keluarga. Jika tidak memiliki kondisi khusus tertentu, maka akan dilakukan Rehabilitasi Sosial di Balai Rehabilitasi Sosial/Lembaga Kesejahteraan Sosial.",
      ],
    ],
    time: { value: 1, unit: "workingDays", text: "Jam kerja 08.00 – 15.30; 1 Hari Kerja" },
    product: TUNA_PRODUCT,
    desk: "Subkoordinator Tuna Sosial",
    staff: "5 Orang",
    education: "SMA/SMK",
    vehicle: "Kendaraan Roda Empat",
    lead: "Ketua Tim Tuna Sosial",
    safety: SAFETY("pelanggan"),
  }),
});

// III.h Pemulangan Orang Terlantar ----------------------------------------------------------------

const TERLANTAR_REQ = requirements([
  "Surat Rekomendasi Pemulangan dari Polsek Setempat di wilayah kabupaten bekasi",
  "Kartu Identitas atau surat kehilangan jika orang terlantar tidak dapat menunjukkan kartu identitas",
]);
const terlantarBack = returnToApplicant("berkasValid", "buatRekomendasi");

export const PEMULANGAN_TERLANTAR: ServiceDef = {
  slug: "pemulangan-orang-terlantar",
  processId: "pemulangan_orang_terlantar_3216",
  name: "Pemulangan Orang Terlantar — Kabupaten Bekasi",
  district: BEKASI,
  source: source("III.h Pelaksanaan Pelayanan Pemulangan Orang Terlantar"),
  standard: standard({
    code: "BKS-REHSOS-TERLANTAR",
    name: "Pemulangan Orang Terlantar",
    requirements: TERLANTAR_REQ,
    procedure: [
      "Pemohon datang ke dinas sosial membawa Surat Rekomendasi Pemulangan dari Polsek Setempat di Wilayah Kabupaten Bekasi dan Kartu Identitas;",
      [
        "pekerja-sosial",
        "Pelaksana Bidang Rehabilitasi Sosial melakukan pengecekan dokumen persyaratan dan melakukan assesment kepada orang terlantar tersebut;",
      ],
      [
        "pekerja-sosial",
        "Dokumen persyaratan dan data assesment diverifikasi kebenarannya apakah pemohon pernah datang ke Dinas Sosial sebelumnya;",
      ],
      [
        "pekerja-sosial",
        "Pelaksana Bidang Rehabilitasi Sosial membuat Surat Rekomendasi pemulangan orang terlantar kepada Kepala UPTD Terminal terkait pemulangan orang terlantar;",
      ],
      "Pemohon mendapatkan biaya bekal, perlengkapan mandi dan surat rekomendasi dari Dinas Sosial untuk pulang ke tempat asalnya.",
    ],
    time: { value: 30, unit: "minutes", text: "Jam kerja 08.00 – 15.30; 30 Menit" },
    product: "Surat Rekomendasi, Perlengkapan Mandi dan Biaya Bekal Pulang",
    desk: "Subkoordinator Tuna Sosial",
    youtube: true,
    staff: "4 Orang",
    education: "D3",
    lead: "Ketua Tim Tuna Sosial",
    safety: SAFETY("klien"),
  }),
  nodes: [
    start("start", "Pemohon datang dengan rekomendasi Polsek"),
    checkDocuments(
      "periksaDanAsesmen",
      "Periksa dokumen, asesmen, cek riwayat kedatangan",
      ["pekerja-sosial"],
      ids(TERLANTAR_REQ),
      { value: 30, unit: "minutes" },
      [
        yes("pernahDatang", "Pemohon pernah datang ke Dinas Sosial sebelumnya"),
        { key: "daerahAsal", label: "Daerah asal", type: "textfield", required: true },
      ],
    ),
    xor("berkasValid", "Dokumen benar?"),
    user("buatRekomendasi", "Buat surat rekomendasi pemulangan ke Kepala UPTD Terminal", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "nomorSurat", label: "Nomor surat", type: "textfield", required: true }],
    }),
    doc(
      "suratRekomendasi",
      "Terbitkan surat rekomendasi pemulangan",
      "surat-rekomendasi-pemulangan",
      "Surat Rekomendasi Pemulangan Orang Terlantar",
    ),
    user("serahkanBekal", "Serahkan biaya bekal, perlengkapan mandi dan surat", {
      roles: ["pekerja-sosial", "back-office"],
      fields: [{ key: "biayaBekal", label: "Biaya bekal (Rp)", type: "number", required: true }],
    }),
    end("selesai", "Pemohon dipulangkan"),
    ...terlantarBack.nodes,
  ],
  flows: [
    ...chain("start", "periksaDanAsesmen", "berkasValid"),
    ...terlantarBack.flows,
    ...chain("buatRekomendasi", "suratRekomendasi", "serahkanBekal", "selesai"),
  ],
  scenarios: [
    scenario(
      "utama",
      "Dokumen benar; asesmen dalam 30 menit; rekomendasi, bekal dan perlengkapan mandi diberikan.",
      [
        done(
          "periksaDanAsesmen",
          "pekerja-sosial",
          { docsComplete: true, pernahDatang: false, daerahAsal: "Brebes" },
          "2024-10-02T09:30:00+07:00",
        ),
        done("buatRekomendasi", "pekerja-sosial", { nomorSurat: "460/77/Rehsos" }),
        done("serahkanBekal", "back-office", { biayaBekal: 150000 }),
      ],
      { end: "selesai", documents: ["surat-rekomendasi-pemulangan"], notifications: [] },
    ),
    scenario(
      "dokumen-tidak-benar",
      "Tanpa rekomendasi Polsek: pemohon diarahkan kembali.",
      [
        done("periksaDanAsesmen", "pekerja-sosial", {
          docsComplete: false,
          daerahAsal: "Garut",
          kekuranganDokumen: "Rekomendasi Polsek",
        }),
      ],
      { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
    ),
  ],
  coverage: "documents valid → recommendation, travel money (30-minute due date); invalid → returned",
};

export const BEKASI_REHABILITASI_SOSIAL = [
  RUJUKAN,
  ODGJ,
  ABK,
  ALAT_BANTU,
  PEMULANGAN_WTS,
  PEMULANGAN_GEPENG,
  PEMULANGAN_TERLANTAR,
];
