/**
 * Seruyan social services (seed 001): food, clothing and assistive devices for PPKS; emergency
 * social rehabilitation; DTKS, PKH and Sembako data service; disaster emergency and logistics.
 * The decree refers each procedure to an SOP it does not include ("Sesuai dengan SOP ..."), so
 * the model follows its requirements and its product: file check, assessment, the decree naming
 * the recipient (its service guarantee: "Berdasarkan Sk penetapan Penerima ..."), delivery.
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
import { checkDocuments, done, ids, requirements, returnToApplicant, scenario } from "../patterns";
import {
  SERUYAN,
  SERUYAN_COMPETENCE,
  SERUYAN_EVALUATION,
  SERUYAN_OFFICE,
  SERUYAN_SEED,
  SERUYAN_STAFF,
  SERUYAN_SUPERVISION,
  SERUYAN_VALIDITY,
  seruyanComplaints,
  UU_KESSOS,
} from "../sources/seruyan-2024";

const BASE_REQ = ["Surat Keterangan Dari Desa/ Kelurahan", "Kartu Tanda Penduduk", "Kartu Keluarga"];
const WITH_POLICE = [
  "Surat Keterangan Dari Desa/ Kelurahan/ Lembaga",
  "Kartu Tanda Penduduk",
  "Kartu Keluarga",
  "Surat Dari Kepolisian",
];

interface Opts {
  slug: string;
  processId: string;
  name: string;
  section: string;
  code: string;
  legal: StandardDef["legalBasis"];
  reqs: string[];
  sop: string;
  /** "60 minutes" for permakanan; otherwise the decree says "Tergantung Kelengkapan Berkas". */
  minutes?: number;
  product: string;
  guarantee: string;
  safety: string;
  complaints?: StandardDef["complaints"];
  deliver: string;
  decree: string;
  template: string;
}

function seruyanService(o: Opts): ServiceDef {
  const reqs = requirements(o.reqs);
  const quick = o.minutes !== undefined;
  // Where completion "depends on the completeness of the file", an incomplete file waits for the
  // applicant (clock paused) instead of ending the case.
  const back = returnToApplicant("berkasLengkap", "asesmen");
  return {
    slug: o.slug,
    processId: o.processId,
    name: o.name,
    district: SERUYAN,
    source: { seed: SERUYAN_SEED, section: `Lampiran, ${o.section}` },
    standard: {
      code: o.code,
      name: o.section,
      office: SERUYAN_OFFICE,
      ...SERUYAN_VALIDITY,
      legalBasis: o.legal,
      requirements: reqs,
      procedure: [o.sop],
      ...(quick
        ? { completionTime: { value: o.minutes!, unit: "minutes" as const, text: "Maksimum 60 Menit har" } }
        : {}),
      fee: { amount: 0, text: "Tidak di pungut Biaya" },
      products: [{ name: o.product }],
      complaints: o.complaints ?? seruyanComplaints(),
      components: {
        facilities: "1. Keuangan dan Mobilitas/ Transportasi",
        competence: SERUYAN_COMPETENCE,
        supervision: SERUYAN_SUPERVISION,
        staffCount: SERUYAN_STAFF,
        serviceGuarantee: o.guarantee,
        safetyGuarantee: o.safety,
        evaluation: SERUYAN_EVALUATION,
      },
    },
    nodes: [
      start("start", "Permohonan diterima"),
      ...(quick ? [] : [merge("gabungBerkas")]),
      checkDocuments(
        "periksaBerkas",
        "Periksa kelengkapan berkas",
        ["front-office"],
        ids(reqs),
        quick ? { value: o.minutes!, unit: "minutes" } : undefined,
        [{ key: "namaPenerima", label: "Nama penerima manfaat", type: "textfield", required: true }],
      ),
      xor("berkasLengkap", "Berkas lengkap?"),
      user("asesmen", "Asesmen kebutuhan penerima", {
        roles: ["pekerja-sosial", "tksk"],
        fields: [
          { key: "kebutuhan", label: "Kebutuhan / jenis bantuan", type: "textarea", required: true },
          yes("memenuhiKriteria", "Memenuhi kriteria penerima"),
        ],
      }),
      xor("kriteria", "Memenuhi kriteria?"),
      user("penetapan", o.decree, {
        roles: ["kepala-dinas"],
        fields: [yes("ditetapkan", "Ditetapkan sebagai penerima")],
      }),
      doc("skPenetapan", "Terbitkan SK penetapan penerima", o.template, o.decree),
      user("salurkan", o.deliver, {
        roles: ["pekerja-sosial", "back-office"],
        fields: [{ key: "tanggalPenyaluran", label: "Tanggal penyaluran", type: "datetime", required: true }, notes],
      }),
      end("selesai", "Layanan diberikan"),
      notify(
        "kabarTidakMemenuhi",
        "Kabari pemohon: tidak memenuhi kriteria",
        "applicant",
        "Permohonan tidak memenuhi kriteria penerima layanan.",
      ),
      end("tidakMemenuhi", "Tidak memenuhi kriteria"),
      ...(quick
        ? back.nodes
        : [
            notify(
              "mintaKelengkapan",
              "Minta pemohon melengkapi berkas",
              "applicant",
              "Berkas belum lengkap: {{kekuranganDokumen}}",
            ),
            user("terimaKelengkapan", "Terima kelengkapan berkas dari pemohon", {
              roles: ["front-office"],
              pausesClock: true,
              fields: [
                { key: "tanggalTerima", label: "Tanggal berkas susulan diterima", type: "datetime", required: true },
              ],
            }),
          ]),
    ],
    flows: [
      ...(quick
        ? chain("start", "periksaBerkas", "berkasLengkap")
        : chain("start", "gabungBerkas", "periksaBerkas", "berkasLengkap")),
      ...(quick
        ? back.flows
        : [
            flow("berkasLengkap", "asesmen", { name: "Lengkap", condition: "=docsComplete = true" }),
            flow("berkasLengkap", "mintaKelengkapan", { name: "Belum lengkap", isDefault: true }),
            ...chain("mintaKelengkapan", "terimaKelengkapan", "gabungBerkas"),
          ]),
      ...chain("asesmen", "kriteria"),
      flow("kriteria", "penetapan", { name: "Memenuhi", condition: "=memenuhiKriteria = true" }),
      flow("kriteria", "kabarTidakMemenuhi", { name: "Tidak", isDefault: true }),
      ...chain("penetapan", "skPenetapan", "salurkan", "selesai"),
      flow("kabarTidakMemenuhi", "tidakMemenuhi"),
    ],
    scenarios: [
      scenario(
        "utama",
        "Berkas lengkap; asesmen; SK penetapan penerima; layanan disalurkan.",
        [
          done(
            "periksaBerkas",
            "front-office",
            { docsComplete: true, namaPenerima: "Ibu Sari" },
            quick ? "2024-10-02T10:00:00+07:00" : undefined,
          ),
          done("asesmen", "pekerja-sosial", { kebutuhan: "Paket permakanan", memenuhiKriteria: true }),
          done("penetapan", "kepala-dinas", { ditetapkan: true }),
          done("salurkan", "pekerja-sosial", { tanggalPenyaluran: "2024-10-02" }),
        ],
        { end: "selesai", documents: [o.template], notifications: [] },
      ),
      scenario(
        "tidak-memenuhi-kriteria",
        "Asesmen: tidak memenuhi kriteria.",
        [
          done("periksaBerkas", "front-office", { docsComplete: true, namaPenerima: "Bapak Anto" }),
          done("asesmen", "tksk", { kebutuhan: "-", memenuhiKriteria: false }),
        ],
        { end: "tidakMemenuhi", documents: [], notifications: ["kabarTidakMemenuhi"] },
      ),
      quick
        ? scenario(
            "berkas-tidak-lengkap",
            "Berkas tidak lengkap: dikembalikan.",
            [
              done("periksaBerkas", "front-office", {
                docsComplete: false,
                namaPenerima: "Ibu Yati",
                kekuranganDokumen: "KK",
              }),
            ],
            { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
          )
        : scenario(
            "berkas-susulan",
            "Berkas belum lengkap: pemohon melengkapi (jam berhenti), lalu layanan diberikan.",
            [
              done("periksaBerkas", "front-office", {
                docsComplete: false,
                namaPenerima: "Ibu Yati",
                kekuranganDokumen: "KK",
              }),
              done("terimaKelengkapan", "front-office", { tanggalTerima: "2024-10-07" }),
              done("periksaBerkas", "front-office", { docsComplete: true, namaPenerima: "Ibu Yati" }),
              done("asesmen", "pekerja-sosial", { kebutuhan: "Bantuan", memenuhiKriteria: true }),
              done("penetapan", "kepala-dinas", { ditetapkan: true }),
              done("salurkan", "back-office", { tanggalPenyaluran: "2024-10-08" }),
            ],
            { end: "selesai", documents: [o.template], notifications: ["mintaKelengkapan"] },
          ),
    ],
    coverage: quick
      ? "complete → assessment → decree → delivery (60-minute due date); not eligible; incomplete returned"
      : "complete → assessment → decree → delivery; not eligible; incomplete file waits for the applicant (clock paused) and loops back",
  };
}

const SAFETY_B = "Dokumen dikeluarkan dapat bertanggungjawabkan keabsahannya.";
const SAFETY_P = "Dokumen dikeluarkan dapat pertanggungjawabkan keabsahannya.";

export const PERMAKANAN = seruyanService({
  slug: "permakanan-sandang-alat-bantu",
  processId: `permakanan_sandang_alat_bantu_${SERUYAN}`,
  name: "Layanan Permakanan, Sandang dan Alat Bantu untuk PPKS — Kabupaten Seruyan",
  section: "PRODUK LAYANAN PERMAKAMAN, SANDANG DAN ALAT BANTU UNTUK PPKS",
  code: "SRY-PERMAKANAN",
  legal: [UU_KESSOS],
  reqs: BASE_REQ,
  sop: "Sesuai dengan SOP Layanan Persediaan Permakaman , Sandang dan Alat Bantu Untuk PPKS",
  minutes: 60,
  product: "Layanan Permakanan, Sandang dan Alat bantu Untuk PPKS",
  guarantee: "Berdasarkan Sk penetapan Penerima Layanan Permakanan, Sandang Dan Alat Bantu Untuk Pplks",
  safety: SAFETY_B,
  deliver: "Serahkan permakanan / sandang / alat bantu",
  decree: "SK penetapan penerima layanan permakanan, sandang dan alat bantu",
  template: "sk-penerima-permakanan",
});

export const KEDARURATAN_REHSOS = seruyanService({
  slug: "kedaruratan-rehabilitasi-sosial",
  processId: `kedaruratan_rehabilitasi_sosial_${SERUYAN}`,
  name: "Layanan Kedaruratan Rehabilitasi Sosial — Kabupaten Seruyan",
  section: "LAYANAN KEDARURATAN REHABILITASI SOSIAL",
  code: "SRY-KEDARURATAN-REHSOS",
  legal: [
    UU_KESSOS,
    {
      kind: "Permensos",
      number: "7",
      year: 2022,
      title: "Peraturan Menteri Sosial Republik Indonesia Nomor 7 Tahun 2022",
    },
    {
      kind: "Permensos",
      number: "4",
      year: 2020,
      title: "Peraturan Menteri Sosial Republik Indonesia Nomor 4 Tahun 2020",
    },
  ],
  reqs: BASE_REQ,
  sop: "Sesuai dengan SOP Layanan Kedaruratan Rehabilitasi Sosial",
  product: "Layanan Kedaruratan Rehabilitasi Sosial",
  guarantee: "Berdasarkan Sk penetapan Penerima Layanan Kedaruratan Rehabilitasi Sosial",
  safety: SAFETY_B,
  deliver: "Berikan layanan kedaruratan rehabilitasi sosial",
  decree: "SK penetapan penerima layanan kedaruratan rehabilitasi sosial",
  template: "sk-penerima-kedaruratan-rehsos",
});

export const DTKS_SERUYAN = seruyanService({
  slug: "layanan-dtks-pkh-sembako",
  processId: `layanan_dtks_pkh_sembako_${SERUYAN}`,
  name: "Layanan DTKS, Program Keluarga Harapan dan Program Sembako — Kabupaten Seruyan",
  section: "LAYANAN DATA TERPADU KESEJAHTERAAN SOSIAL (DTKS), PROGRAM KELUARGA HARAPAN DAN PROGRAM SEMBAKO",
  code: "SRY-DTKS-PKH-SEMBAKO",
  legal: [UU_KESSOS],
  reqs: WITH_POLICE,
  sop: "Sesuai dengan SOP Layanan Data Terpadu Kesejahteraan Sosial (Dtks), Program Keluarga Harapan Dan Program Sembako",
  product: "Layanan Data Terpadu Kesejahteraan Sosial (Dtks), Program Keluarga Harapan Dan Program Sembako",
  guarantee:
    "Berdasarkan Sk penetapan Penerima Layanan Data Terpadu Kesejahteraan Sosial (Dtks), Program Keluarga Harapan Dan Program Sembako",
  safety: SAFETY_P,
  deliver: "Input / perbarui data penerima (DTKS, PKH, Sembako)",
  decree: "SK penetapan penerima layanan DTKS, PKH dan Sembako",
  template: "sk-penerima-dtks-pkh-sembako",
});

export const LOGISTIK_BENCANA = seruyanService({
  slug: "kedaruratan-logistik-bencana",
  processId: `kedaruratan_logistik_bencana_${SERUYAN}`,
  name: "Layanan Kedaruratan dan Logistik Bencana — Kabupaten Seruyan",
  section: "LAYANAN KEDARURATAN DAN LOGISTIK BENCANA",
  code: "SRY-LOGISTIK-BENCANA",
  legal: [UU_KESSOS],
  reqs: WITH_POLICE,
  sop: "Sesuai dengan SOP Layanan Kedaruratan Dan Logistik Bencana",
  product: "Layanan Kedaruratan Dan Logistik Bencana",
  guarantee:
    "Memberikan Kompensasi apabila terjadi kesalahan dalam pemrosesan permohonan dokumen yaitu dengan cara Pemberian Langsung atau melalui telvon sebagai awal informasi.",
  safety: SAFETY_P,
  complaints: seruyanComplaints("dinso.skabseruyan@gmail.com", "Dinso Seruyan", "Dinso_seruyan"),
  deliver: "Salurkan logistik kedaruratan bencana",
  decree: "SK penetapan penerima logistik bencana",
  template: "sk-penerima-logistik-bencana",
});

export const SERUYAN_SOCIAL = [PERMAKANAN, KEDARURATAN_REHSOS, DTKS_SERUYAN, LOGISTIK_BENCANA];
