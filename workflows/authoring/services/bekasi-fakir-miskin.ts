/**
 * Bidang Penanganan Fakir Miskin, Kabupaten Bekasi (seed 003, Lampiran II, I.a-c): SJPP
 * recommendation, DTKS proposal via SIKS-NG, KIS-APBN activation recommendation.
 */
import { chain, doc, end, notes, notify, type ServiceDef, type StandardDef, start, user, xor, yes } from "../dsl";
import { checkDocuments, done, ids, requirements, returnToApplicant, scenario } from "../patterns";
import {
  BEKASI,
  BEKASI_OFFICE,
  BEKASI_PLEDGE,
  BEKASI_SEED,
  BEKASI_VALID_FROM,
  EVALUATION,
  GUARANTEE,
  PFM_COMPETENCE,
  PFM_COMPLAINTS,
  PFM_FACILITIES,
  PFM_LEGAL,
  PFM_SAFETY,
  PFM_SUPERVISION,
} from "../sources/bekasi-2023";

const common = {
  office: BEKASI_OFFICE,
  validFrom: BEKASI_VALID_FROM,
  legalBasis: PFM_LEGAL,
  fee: { amount: 0, text: "Tanpa Dipungut Biaya" },
  complaints: PFM_COMPLAINTS,
  components: {
    facilities: PFM_FACILITIES,
    competence: PFM_COMPETENCE,
    supervision: PFM_SUPERVISION,
    staffCount: "2 Orang Pelaksana",
    serviceGuarantee: GUARANTEE,
    safetyGuarantee: PFM_SAFETY,
    evaluation: EVALUATION,
    pledge: BEKASI_PLEDGE,
  },
} satisfies Partial<StandardDef>;

const ARRIVE =
  "Pemohon datang langsung ke pelayanan satu pintu / SLRT Graha Wibawamukti dengan membawa persyaratan atau dapat diwakilkan dengan membawa surat kuasa (Apabila Sudah Lansia/Sakit);";
const CHECK =
  "Petugas Front Office / Operator Pelayanan Satu Pintu / Puskesmas SLRT Graha Wibawa Mukti melakukan pengecekan berkas;";

/** SJPP and KIS-APBN share one shape: check → back office drafts → signed → handed back. */
function slrtRecommendation(opts: {
  slug: string;
  processId: string;
  name: string;
  section: string;
  standard: StandardDef;
  template: string;
  title: string;
  handover: string;
}): ServiceDef {
  const reqIds = ids(opts.standard.requirements);
  const back = returnToApplicant("berkasLengkap", "buatRekomendasi");
  return {
    slug: opts.slug,
    processId: opts.processId,
    name: opts.name,
    district: BEKASI,
    source: { seed: BEKASI_SEED, section: opts.section },
    standard: opts.standard,
    nodes: [
      start("start", "Pemohon datang ke SLRT"),
      checkDocuments("periksaBerkas", "Periksa berkas permohonan", ["front-office"], reqIds),
      xor("berkasLengkap", "Berkas lengkap?"),
      user("buatRekomendasi", `Buat ${opts.title}`, {
        roles: ["back-office"],
        sla: { value: 10, unit: "minutes" },
        fields: [{ key: "nomorSurat", label: "Nomor surat", type: "textfield", required: true }, notes],
      }),
      user("tandatangan", "Tandatangani rekomendasi", {
        roles: ["kepala-bidang", "ketua-tim"],
        fields: [yes("ditandatangani", "Rekomendasi ditandatangani")],
      }),
      doc("terbitkan", `Terbitkan ${opts.title}`, opts.template, opts.title),
      user("serahkan", "Serahkan rekomendasi kepada pemohon", {
        roles: ["front-office"],
        fields: [yes("diserahkan", opts.handover)],
      }),
      end("selesai", "Rekomendasi diserahkan"),
      ...back.nodes,
    ],
    flows: [
      ...chain("start", "periksaBerkas", "berkasLengkap"),
      ...back.flows,
      ...chain("buatRekomendasi", "tandatangan", "terbitkan", "serahkan", "selesai"),
    ],
    scenarios: [
      scenario(
        "utama",
        "Berkas lengkap; back office membuat rekomendasi dalam 10 menit; ditandatangani dan diserahkan.",
        [
          done("periksaBerkas", "front-office", { docsComplete: true, dokumenDiperiksa: reqIds }),
          done("buatRekomendasi", "back-office", { nomorSurat: "460/001/PFM" }, "2024-10-02T09:10:00+07:00"),
          done("tandatangan", "kepala-bidang", { ditandatangani: true }),
          done("serahkan", "front-office", { diserahkan: true }),
        ],
        { end: "selesai", documents: [opts.template], notifications: [] },
      ),
      scenario(
        "berkas-tidak-lengkap",
        "Berkas tidak lengkap: dikembalikan kepada pemohon.",
        [done("periksaBerkas", "front-office", { docsComplete: false, kekuranganDokumen: "SKTM" })],
        { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
      ),
    ],
    coverage:
      "complete file → recommendation in 10 minutes (due date) → signed → handed over; incomplete file returned",
  };
}

export const SJPP = slrtRecommendation({
  slug: "rekomendasi-sjpp",
  processId: "rekomendasi_sjpp_3216",
  name: "Rekomendasi Surat Jaminan Pelayanan Perawatan (SJPP) — Kabupaten Bekasi",
  section: "Lampiran II, I.a Rekomendasi SJPP",
  template: "surat-rekomendasi-sjpp",
  title: "Surat Rekomendasi Jaminan Pelayanan Perawatan (SJPP)",
  handover: "Rekomendasi SJPP diserahkan kembali kepada pemohon",
  standard: {
    ...common,
    code: "BKS-PFM-SJPP",
    name: "Rekomendasi Surat Jaminan Pelayanan Perawatan (Sjpp) Data Terpadu Kesejahteraan Sosial (Dtks)",
    requirements: requirements([
      "Warga Negara Indonesia (WNI) berkependudukan Kabupaten Bekasi",
      "Fotokopi KK",
      "Fotokopi E-KTP/Suket",
      "Fotokopi Kartu Kepesertaan PBI-APBN",
      "Foto Copy Surat Keterangan Tidak Mampu (SKTM) dari desa/kelurahan dan mengetahui Kecamatan",
      "Fotokopi Surat Keterangan di Rawat/Rujukan Puskesmas/Dokumen lainnya yang bersifat membuktikan pelayanan Kesehatan",
    ]),
    procedure: [
      ARRIVE,
      ["front-office", CHECK],
      [
        "back-office",
        "Apabila berkas sudah benar, Petugas Front Office Menyerahkan Berkas Kepada Petugas Back Office Untuk Dibuatkan Rekomendasi Surat Jaminan Pelayanan Perawatan (SJPP);",
      ],
      [
        "front-office",
        "Rekomendasi Surat Jaminan Pelayanan Perawatan (SJPP) Yang Telah Ditandatangani Diserahkan Oleh Petugas Back Office Kepada Petugas Front Office Untuk Diserahkan Kembali Kepada Pemohon.",
      ],
    ],
    completionTime: { value: 10, unit: "minutes", text: "10 (Sepuluh) Menit" },
    products: [
      {
        name: "Pemberian Surat Rekomendasi Jaminan Pelayanan Perawatan (SJPP) bagi Peserta PBI-JKN Non Aktif Non DTKS",
      },
    ],
  },
});

export const KIS_APBN = slrtRecommendation({
  slug: "rekomendasi-kis-apbn",
  processId: "rekomendasi_kis_apbn_3216",
  name: "Rekomendasi Pengaktifan KIS APBN — Kabupaten Bekasi",
  section: "Lampiran II, I.c Surat Rekomendasi Pengaktifan KIS APBN",
  template: "surat-rekomendasi-kis-apbn",
  title: "Surat Rekomendasi Pengaktifan KIS APBN",
  handover: "Rekomendasi diserahkan kepada pemohon untuk dilanjutkan ke kantor BPJS Kesehatan",
  standard: {
    ...common,
    code: "BKS-PFM-KIS",
    name: "Surat Rekomendasi Pengaktifan Kis Apbn",
    requirements: requirements([
      "Warga Negara Indonesia (WNI) berkependudukan Kabupaten Bekasi",
      "Fotokopi KK",
      "Fotokopi E-KTP/Suket",
      "Fotokopi Kartu KIS",
      "Foto Copy Surat Keterangan Tidak Mampu (SKTM) dari desa/kelurahan dan mengetahui Kecamatan",
    ]),
    procedure: [
      ARRIVE,
      ["front-office", CHECK],
      [
        "back-office",
        "Apabila berkas sudah benar, Petugas Front Office Menyerahkan Berkas Kepada Petugas Back Office Untuk Dibuatkan Rekomendasi Surat Pengaktifan KIS APBN;",
      ],
      [
        "front-office",
        "Rekomendasi Surat Pengaktifan KIS APBN Yang Telah Ditandatangani Diserahkan Oleh Petugas Back Office Kepada Petugas Front Office Untuk Diserahkan Kembali Kepada Pemohon untuk dilanjutkan ke kantor BPJS Kesehatan.",
      ],
    ],
    completionTime: { value: 10, unit: "minutes", text: "10 (Sepuluh) Menit" },
    products: [{ name: "Pemberian Surat Rekomendasi Pengaktifan KIS APBN" }],
  },
});

const DTKS_REQ = requirements([
  "Warga Negara Indonesia (WNI) berkependudukan Kabupaten Bekasi",
  "Fotokopi KK",
  "Fotokopi E-KTP/Suket",
  "Foto Rumah",
  "Foto Copy Surat Keterangan Tidak Mampu (SKTM) dari desa/kelurahan dan mengetahui Kecamatan",
]);
const dtksBack = returnToApplicant("berkasLengkap", "usulkanSiksNg");

export const DTKS_USULAN: ServiceDef = {
  slug: "usulan-dtks",
  processId: "usulan_dtks_3216",
  name: "Pengusulan Data Terpadu Kesejahteraan Sosial (DTKS) via SIKS-NG — Kabupaten Bekasi",
  district: BEKASI,
  source: { seed: BEKASI_SEED, section: "Lampiran II, I.b Pengusulan DTKS" },
  standard: {
    ...common,
    code: "BKS-PFM-DTKS",
    name: "Data Terpadu Kesejahteraan Sosial (DtkS)",
    requirements: DTKS_REQ,
    procedure: [
      ARRIVE,
      ["front-office", CHECK],
      [
        "back-office",
        "Apabila berkas sudah benar, Petugas Front Office Menyerahkan Berkas Kepada Petugas Back Office Untuk Diusulkan Data Terpadu Kesejahteraan Sosial (DTKS) kedalam Aplikasi Siks NG;",
      ],
      ["back-office", "Menyimpan/Mengarsipkan berkas."],
    ],
    completionTime: { value: 1, unit: "months", text: "1 (Satu) Bulan" },
    products: [{ name: "Pengesahan Data DTKS" }],
  },
  nodes: [
    start("start", "Pemohon datang ke SLRT"),
    checkDocuments("periksaBerkas", "Periksa berkas usulan DTKS", ["front-office"], ids(DTKS_REQ)),
    xor("berkasLengkap", "Berkas lengkap?"),
    user("usulkanSiksNg", "Usulkan ke DTKS melalui aplikasi SIKS-NG", {
      roles: ["back-office"],
      sla: { value: 1, unit: "months" },
      fields: [
        { key: "nomorUsulan", label: "Nomor/ID usulan di SIKS-NG", type: "textfield", required: true },
        { key: "dataSet", label: "Data set tujuan (mis. DTKS)", type: "textfield" },
      ],
    }),
    user("arsipkan", "Simpan/arsipkan berkas", {
      roles: ["back-office"],
      fields: [yes("diarsipkan", "Berkas telah diarsipkan")],
    }),
    notify(
      "kabariPemohon",
      "Kabari pemohon: usulan terkirim",
      "applicant",
      "Usulan DTKS Anda telah diinput ke SIKS-NG.",
    ),
    end("selesai", "Usulan DTKS terkirim"),
    ...dtksBack.nodes,
  ],
  flows: [
    ...chain("start", "periksaBerkas", "berkasLengkap"),
    ...dtksBack.flows,
    ...chain("usulkanSiksNg", "arsipkan", "kabariPemohon", "selesai"),
  ],
  scenarios: [
    scenario(
      "utama",
      "Berkas lengkap; usulan diinput ke SIKS-NG (batas 1 bulan); berkas diarsipkan; pemohon dikabari.",
      [
        done("periksaBerkas", "front-office", { docsComplete: true }),
        done(
          "usulkanSiksNg",
          "back-office",
          { nomorUsulan: "SIKS-3216-0001", dataSet: "DTKS" },
          "2024-11-02T09:00:00+07:00",
        ),
        done("arsipkan", "back-office", { diarsipkan: true }),
      ],
      { end: "selesai", documents: [], notifications: ["kabariPemohon"] },
    ),
    scenario(
      "berkas-tidak-lengkap",
      "Foto rumah tidak ada: berkas dikembalikan.",
      [done("periksaBerkas", "front-office", { docsComplete: false, kekuranganDokumen: "Foto Rumah" })],
      { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
    ),
  ],
  coverage: "complete file → SIKS-NG proposal (1-month due date) → archived; incomplete file returned",
};

export const BEKASI_FAKIR_MISKIN = [SJPP, DTKS_USULAN, KIS_APBN];
