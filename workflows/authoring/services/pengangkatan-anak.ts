/**
 * Pengangkatan Anak (child adoption). Template: the steps every district follows (application,
 * documents, home visit and social report, provincial decree, court). Bekasi variant: seed 003,
 * Lampiran II, III.b "Pelaksanaan Pelayanan Adopsi Anak".
 */
import {
  chain,
  doc,
  end,
  flow,
  merge,
  notes,
  notify,
  receive,
  type ScenarioDef,
  type ServiceDef,
  type StandardDef,
  start,
  user,
  xor,
  yes,
} from "../dsl";
import {
  BEKASI,
  BEKASI_DECREE,
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

const REQUIREMENTS: StandardDef["requirements"] = [
  "Membuat surat permohonan adopsi anak di tunjukan kepada kapala Dinas Sosial Kabupaten/Kota",
  "Copy surat keterangan Sehat dari Rumah Sakit Pemerintah (suami-istri)",
  "Copy Surat Keterangan dari Dokter Kandungan dari Rumah Sakit Pemerintah (istri) (lampirkan hasil USG nya juga)",
  "Copy Surat Keterangan Kesehatan Jiwa dari Dokter Spesialis Jiwa di Rumah Sakit Pemerintah (Suami dan Istri) (lampiran hasil tes kesehatan yang berupa grafik juga)",
  "Copy Surat Keterangan Catatan Kepolisian (SKCK) dari POLRES (Suami dan Istri)",
  "Copy Surat Nikah (sudah menikah minimal 5 tahun dan belum memiliki anak kandung/angkat)",
  "Copy Akte Kelahiran (Suami dan Istri)",
  "Copy Kartu Keluarga",
  "Copy KTP (suami-istri)",
  "Keterangan Penghasilan Calon Orang Tua Angkat",
  "Foto Calon Orang Tua Angkat suami istri berwarna (masing-masing 2x3 : 2 lembar, 4x6 : 2 lembar. Total 8 lembar)",
  "Copy Akte Kelahiran Calon Anak Angkat",
  "Surat Ijin/Penyerahan Calon Anak Angkat dari Orang Tua Kandung /Wali yang sah kepada Calon Orang Tua Angkat (bermaterai)",
  "Copy KTP dan KK Orang Tua Kandung Calon Anak Angkat",
  "Surat Pernyataan Calon Orang Tua Angkat sesuai FORM dalam lampiran (bermaterai)",
  "Surat Persetujuan dari Orang Tua /Kerabat Calon Orang Tua Angkat (bermaterai)",
  "Surat Pernyataan Pemberian Hibah (Bermaterai)",
  "Surat Pernyataan Tidak Akan Menjadi Wali Nikah (bermaterai)",
  "Deskripsi Diri terkait Motivasi Pengangkatan Anak Dari COTA (bermaterai)",
  "Surat Pernyataan COTA yang Menyatakan Bahwa seluruh Dokumen yang diajukan Sah dan sesuai Fakta yang sebenarnya (bermaterai)",
].map((name, i) => ({ id: `syarat${String(i + 1).padStart(2, "0")}`, name, providedBy: "applicant" }));

const BEKASI_STANDARD: StandardDef = {
  code: "BKS-REHSOS-ADOPSI",
  name: "Pelaksanaan Pelayanan Adopsi Anak",
  office: BEKASI_OFFICE,
  validFrom: BEKASI_VALID_FROM,
  legalBasis: REHSOS_LEGAL,
  requirements: REQUIREMENTS,
  procedure: [
    [
      "front-office",
      "Calon Orang Tua Angkat (COTA) datang ke Dinas Sosial untuk dijelaskan syarat dan alur adopsi anak;",
    ],
    "Calon Orang Tua Asuh melengkapi syarat-syaratnya;",
    ["sakti-peksos", "Dinas Sosial dan SAKTI PEKSOS melakukan home visit ke rumah COTA untuk membuat laporan sosial;"],
    ["back-office", "Kelengkapan syarat COTA dan laporan sosial dikirim ke Dinas Sosial Provinsi Jawa Barat;"],
    "Dinas Sosial Provinsi Jawa Barat mengeluarkan Surat Keputusan Pengangkatan Anak;",
    [
      "kepala-dinas",
      "Dinas Sosial Kabupaten Bekasi membuat surat rekomendasi ke Pengadilan Agama / Pengadilan Negeri untuk pengesahan proses adopsi anak.",
    ],
  ],
  completionTime: {
    value: 1,
    maxValue: 1.5,
    unit: "years",
    ...OFFICE_HOURS,
    text: "Jam kerja 08.00 – 15.30; 1 Tahun – 1,5 Tahun",
  },
  fee: { amount: 0, text: "Rp. 0,-" },
  products: [{ name: "Surat Keputusan Pengangkatan Anak dari Dinas Sosial Provinsi Jawa Barat" }],
  complaints: rehsosComplaints("Subkoordinator Anak dan Lansia"),
  components: {
    facilities: rehsosFacilities("Kendaraan Roda Empat"),
    competence: competence("S1"),
    supervision: rehsosSupervision("Ketua Tim Anak dan Lansia"),
    staffCount: "2 Orang",
    serviceGuarantee: GUARANTEE,
    safetyGuarantee: SAFETY("pelanggan"),
    evaluation: EVALUATION,
    pledge: BEKASI_PLEDGE,
  },
};

/** The template carries only what is common to every district: national laws and the steps. */
const TEMPLATE_STANDARD: StandardDef = {
  code: "TPL-ADOPSI",
  name: "Pengangkatan Anak (template)",
  office: "Template Alur; berlaku melalui varian daerah",
  legalBasis: [
    { kind: "UU", number: "23", year: 2002, title: "Perlindungan Anak" },
    { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
  ],
  requirements: [],
  procedure: [
    ["front-office", "COTA datang ke Dinas Sosial kabupaten/kota dan dijelaskan syarat dan alur."],
    "COTA melengkapi dokumen persyaratan.",
    ["sakti-peksos", "Dinas Sosial dan Sakti Peksos melakukan kunjungan rumah dan menyusun laporan sosial."],
    ["back-office", "Berkas dan laporan sosial dikirim ke Dinas Sosial Provinsi."],
    "Dinas Sosial Provinsi menerbitkan Surat Keputusan Pengangkatan Anak.",
    ["kepala-dinas", "Dinas Sosial kabupaten/kota membuat surat rekomendasi ke Pengadilan Agama / Pengadilan Negeri."],
  ],
  products: [],
  components: {},
};

function nodes(requirementIds: string[]) {
  return [
    start("start", "COTA datang ke Dinas Sosial"),
    user("konsultasi", "Jelaskan syarat dan alur adopsi", {
      roles: ["front-office"],
      sla: { value: 1, unit: "workingDays" },
      fields: [
        { key: "namaSuami", label: "Nama calon ayah angkat", type: "textfield", required: true },
        { key: "namaIstri", label: "Nama calon ibu angkat", type: "textfield", required: true },
        { key: "lamaMenikahTahun", label: "Lama menikah (tahun)", type: "number", required: true },
        notes,
      ],
    }),
    merge("gabungDokumen"),
    user("periksaDokumen", "Periksa kelengkapan dokumen persyaratan", {
      roles: ["back-office"],
      sla: { value: 5, unit: "workingDays" },
      documents: requirementIds,
      escalateTo: ["ketua-tim"],
      fields: [
        yes("docsComplete", "Semua dokumen lengkap dan sah"),
        { ...notes, key: "kekuranganDokumen", label: "Kekurangan dokumen" },
      ],
    }),
    xor("dokumenLengkap", "Dokumen lengkap?"),
    notify(
      "beritahuKekurangan",
      "Beritahu COTA kekurangan dokumen",
      "applicant",
      "Dokumen adopsi belum lengkap: {{kekuranganDokumen}}",
    ),
    user("terimaKelengkapan", "Terima dokumen susulan dari COTA", {
      roles: ["front-office"],
      pausesClock: true,
      fields: [
        { key: "tanggalTerima", label: "Tanggal dokumen susulan diterima", type: "datetime", required: true },
        notes,
      ],
    }),
    user("kunjunganRumah", "Kunjungan rumah dan laporan sosial", {
      roles: ["sakti-peksos", "pekerja-sosial"],
      sla: { value: 10, unit: "workingDays" },
      escalateTo: ["ketua-tim"],
      fields: [
        { key: "tanggalKunjungan", label: "Tanggal kunjungan rumah", type: "datetime", required: true },
        { key: "laporanSosial", label: "Laporan sosial", type: "textarea", required: true },
      ],
    }),
    doc(
      "suratPengantar",
      "Buat surat pengantar berkas ke Dinas Sosial Provinsi",
      "surat-pengantar-adopsi-provinsi",
      "Surat Pengantar Berkas Pengangkatan Anak",
    ),
    user("kirimBerkas", "Kirim berkas dan laporan sosial ke Dinas Sosial Provinsi", {
      roles: ["back-office"],
      sla: { value: 2, unit: "workingDays" },
      fields: [{ key: "nomorSuratPengantar", label: "Nomor surat pengantar", type: "textfield", required: true }],
    }),
    receive("tungguSkProvinsi", "Tunggu SK Pengangkatan Anak dari Dinas Sosial Provinsi", "provincialDecree", true, [
      "nomorSkProvinsi",
    ]),
    {
      kind: "boundaryTimer" as const,
      id: "pengingatBulanan",
      name: "Setiap 30 hari",
      attachedTo: "tungguSkProvinsi",
      interrupting: false,
      timer: { cycle: "R12/P30D" },
    },
    notify(
      "ingatkanProvinsi",
      "Ingatkan tim: tanyakan SK ke Provinsi",
      "ketua-tim",
      "SK Pengangkatan Anak belum diterima; tanyakan ke Dinas Sosial Provinsi.",
    ),
    end("pengingatSelesai", "Pengingat terkirim"),
    user("siapkanRekomendasi", "Siapkan surat rekomendasi ke pengadilan", {
      roles: ["back-office"],
      sla: { value: 3, unit: "workingDays" },
      fields: [
        {
          key: "pengadilan",
          label: "Pengadilan tujuan",
          type: "radio",
          required: true,
          values: [
            { value: "agama", label: "Pengadilan Agama" },
            { value: "negeri", label: "Pengadilan Negeri" },
          ],
        },
        notes,
      ],
    }),
    user("tandatanganRekomendasi", "Tandatangani surat rekomendasi", {
      roles: ["kepala-dinas"],
      sla: { value: 2, unit: "workingDays" },
      fields: [yes("disetujui", "Surat rekomendasi disetujui dan ditandatangani")],
    }),
    doc(
      "suratRekomendasi",
      "Terbitkan surat rekomendasi ke pengadilan",
      "surat-rekomendasi-pengadilan-adopsi",
      "Surat Rekomendasi Pengangkatan Anak",
    ),
    user("catatPutusan", "Catat penetapan pengadilan", {
      roles: ["front-office", "back-office"],
      pausesClock: true,
      fields: [
        { key: "nomorPenetapan", label: "Nomor penetapan pengadilan", type: "textfield", required: true },
        yes("dikabulkan", "Permohonan pengangkatan anak dikabulkan"),
      ],
    }),
    xor("hasilPutusan", "Dikabulkan?"),
    notify(
      "kabarSelesai",
      "Kabari COTA: adopsi disahkan",
      "applicant",
      "Penetapan pengadilan telah dicatat; proses adopsi selesai.",
    ),
    end("selesai", "Adopsi disahkan"),
    notify(
      "kabarDitolak",
      "Kabari COTA: permohonan ditolak",
      "applicant",
      "Pengadilan tidak mengabulkan permohonan pengangkatan anak.",
    ),
    end("ditolak", "Permohonan ditolak pengadilan"),
  ];
}

const FLOWS = [
  ...chain("start", "konsultasi", "gabungDokumen", "periksaDokumen", "dokumenLengkap"),
  flow("dokumenLengkap", "kunjunganRumah", { name: "Lengkap", condition: "=docsComplete = true" }),
  flow("dokumenLengkap", "beritahuKekurangan", { name: "Belum lengkap", isDefault: true }),
  ...chain("beritahuKekurangan", "terimaKelengkapan", "gabungDokumen"),
  ...chain("kunjunganRumah", "suratPengantar", "kirimBerkas", "tungguSkProvinsi", "siapkanRekomendasi"),
  ...chain("pengingatBulanan", "ingatkanProvinsi", "pengingatSelesai"),
  ...chain("siapkanRekomendasi", "tandatanganRekomendasi", "suratRekomendasi", "catatPutusan", "hasilPutusan"),
  flow("hasilPutusan", "kabarSelesai", { name: "Dikabulkan", condition: "=dikabulkan = true" }),
  flow("hasilPutusan", "kabarDitolak", { name: "Ditolak", isDefault: true }),
  flow("kabarSelesai", "selesai"),
  flow("kabarDitolak", "ditolak"),
];

const START = "2024-10-02T09:00:00+07:00";
const cota = { namaSuami: "Budi Santoso", namaIstri: "Siti Aminah", lamaMenikahTahun: 7 };

const SCENARIOS: ScenarioDef[] = [
  {
    name: "utama-dokumen-susulan",
    description:
      "Dokumen belum lengkap sekali (kembali ke COTA), lalu lengkap; kunjungan rumah; satu pengingat bulanan saat menunggu SK Provinsi; SK diterima; rekomendasi ke Pengadilan Agama; dikabulkan.",
    startAt: START,
    variables: {},
    steps: [
      { complete: "konsultasi", role: "front-office", data: cota, expectDueAt: "2024-10-03T15:30:00+07:00" },
      {
        complete: "periksaDokumen",
        role: "back-office",
        data: { docsComplete: false, kekuranganDokumen: "SKCK istri" },
        expectDueAt: "2024-10-09T15:30:00+07:00",
      },
      { complete: "terimaKelengkapan", role: "front-office", data: { tanggalTerima: "2024-10-20" } },
      { complete: "periksaDokumen", role: "back-office", data: { docsComplete: true } },
      {
        complete: "kunjunganRumah",
        role: "sakti-peksos",
        data: { tanggalKunjungan: "2024-10-25", laporanSosial: "Layak" },
      },
      { complete: "kirimBerkas", role: "back-office", data: { nomorSuratPengantar: "400.9/123/Rehsos" } },
      { timer: "pengingatBulanan" },
      { message: "provincialDecree", payload: { nomorSkProvinsi: "463/Kep.10-Rehsos/2025" } },
      { complete: "siapkanRekomendasi", role: "back-office", data: { pengadilan: "agama" } },
      { complete: "tandatanganRekomendasi", role: "kepala-dinas", data: { disetujui: true } },
      {
        complete: "catatPutusan",
        role: "front-office",
        data: { nomorPenetapan: "12/Pdt.P/2025/PA.Ckr", dikabulkan: true },
      },
    ],
    expect: {
      end: "selesai",
      documents: ["surat-pengantar-adopsi-provinsi", "surat-rekomendasi-pengadilan-adopsi"],
      notifications: ["beritahuKekurangan", "ingatkanProvinsi", "kabarSelesai"],
    },
  },
  {
    name: "ditolak-pengadilan",
    description: "Dokumen lengkap pada pemeriksaan pertama; SK Provinsi diterima; pengadilan tidak mengabulkan.",
    startAt: START,
    variables: {},
    steps: [
      { complete: "konsultasi", role: "front-office", data: cota },
      { complete: "periksaDokumen", role: "back-office", data: { docsComplete: true } },
      {
        complete: "kunjunganRumah",
        role: "pekerja-sosial",
        data: { tanggalKunjungan: "2024-10-10", laporanSosial: "Layak" },
      },
      { complete: "kirimBerkas", role: "back-office", data: { nomorSuratPengantar: "400.9/124/Rehsos" } },
      { message: "provincialDecree", payload: { nomorSkProvinsi: "463/Kep.11-Rehsos/2025" } },
      { complete: "siapkanRekomendasi", role: "back-office", data: { pengadilan: "negeri" } },
      { complete: "tandatanganRekomendasi", role: "kepala-dinas", data: { disetujui: true } },
      {
        complete: "catatPutusan",
        role: "back-office",
        data: { nomorPenetapan: "5/Pdt.P/2025/PN.Ckr", dikabulkan: false },
      },
    ],
    expect: {
      end: "ditolak",
      documents: ["surat-pengantar-adopsi-provinsi", "surat-rekomendasi-pengadilan-adopsi"],
      notifications: ["kabarDitolak"],
    },
  },
];

/**
 * Adoption files hold health, criminal-record and income data of the prospective parents and the
 * child's origin (UU 27/2022: specific personal data): the social report and those documents are
 * for the social workers and the head of office only; documents go 5 years after the case closes.
 */
const CASEWORK = ["sakti-peksos", "pekerja-sosial", "kepala-dinas"];
const ADOPTION_PRIVACY = {
  sensitive: true,
  retention: "P5Y",
  fields: { laporanSosial: CASEWORK },
};

export const ADOPTION_TEMPLATE: ServiceDef = {
  slug: "pengangkatan-anak",
  processId: "pengangkatan_anak",
  name: "Pengangkatan Anak (template)",
  district: null,
  source: { seed: BEKASI_SEED, section: "Lampiran II, III.b (steps generalised); DOMAIN.md" },
  standard: TEMPLATE_STANDARD,
  privacy: ADOPTION_PRIVACY,
  nodes: nodes([]),
  flows: FLOWS,
  scenarios: SCENARIOS.map((s) => ({ ...s, name: `template-${s.name}` })),
  coverage: "as the Bekasi variant: documents loop, home visit, reminder, decree, court grants / refuses",
};

export const ADOPTION_BEKASI: ServiceDef = {
  slug: "pengangkatan-anak",
  file: `variants/${BEKASI}`,
  processId: `pengangkatan_anak_${BEKASI}`,
  name: "Adopsi Anak — Kabupaten Bekasi",
  district: BEKASI,
  source: { seed: BEKASI_SEED, section: "Lampiran II, III.b Pelaksanaan Pelayanan Adopsi Anak" },
  standard: BEKASI_STANDARD,
  variant: {
    template: "pengangkatan_anak",
    district: BEKASI,
    effectiveFrom: BEKASI_VALID_FROM,
    legalBasis: BEKASI_DECREE,
  },
  privacy: {
    ...ADOPTION_PRIVACY,
    // health (02–04), police record (05), income (10), the birth parents' papers (13, 14)
    documents: Object.fromEntries(
      ["syarat02", "syarat03", "syarat04", "syarat05", "syarat10", "syarat13", "syarat14"].map((id) => [id, CASEWORK]),
    ),
  },
  nodes: nodes(REQUIREMENTS.map((r) => r.id)),
  flows: FLOWS,
  scenarios: SCENARIOS,
  coverage:
    "documents incomplete → back to COTA → complete; home visit; monthly reminder while waiting for the provincial decree; decree message; court grants / refuses; due dates of the first two tasks",
};
