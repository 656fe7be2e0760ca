/**
 * Recommendations that Seruyan (seed 001) and Bekasi (seed 003, Lampiran II, IV.a-b) both give:
 * PUB/UGB (fund-raising and free prize draws) and LKS (social-welfare institution) permits. Each
 * is a template with the steps the two standards share and a variant per district.
 */
import {
  chain,
  doc,
  end,
  type FieldDef,
  flow,
  merge,
  type NodeDef,
  notify,
  type ScenarioDef,
  type ServiceDef,
  type StandardDef,
  start,
  type UserTaskDef,
  user,
  xor,
  yes,
} from "../dsl";
import { checkDocuments, done, ids, requirements, returnToApplicant, scenario, startingAt } from "../patterns";
import {
  BEKASI,
  BEKASI_DECREE,
  BEKASI_OFFICE,
  BEKASI_PLEDGE,
  BEKASI_SEED,
  BEKASI_VALID_FROM,
  GUARANTEE,
  SAFETY,
} from "../sources/bekasi-2023";
import {
  SERUYAN,
  SERUYAN_DECREE,
  SERUYAN_OFFICE,
  SERUYAN_PERMIT_COMPLAINTS,
  SERUYAN_PERMIT_STAFF,
  SERUYAN_SEED,
  SERUYAN_VALIDITY,
  UU_KESSOS,
} from "../sources/seruyan-2024";

interface PermitOptions {
  slug: string;
  processId: string;
  name: string;
  district: string | null;
  source: ServiceDef["source"];
  standard: StandardDef;
  variant?: ServiceDef["variant"];
  template: string;
  title: string;
  /** Bekasi: the request arrives through DPMPTSP and the applicant is phoned when it is signed. */
  viaDpmptsp?: boolean;
  /** Bekasi LKS: a site visit for new institutions. */
  siteVisitForNew?: boolean;
  sla: { check: UserTaskDef["sla"]; sign: NonNullable<UserTaskDef["sla"]> } | null;
  coverage: string;
  /** The complete-file scenario once more from another start, with its due dates counted by hand. */
  alsoStartingAt?: {
    name: string;
    description: string;
    startAt: string;
    check?: string;
    sign: string;
    caseDueAt: string;
  };
}

function permit(o: PermitOptions): ServiceDef {
  const back = returnToApplicant("berkasLengkap", o.siteVisitForNew ? "jenisPermohonan" : "buatRekomendasi");
  const checkFields: FieldDef[] = o.siteVisitForNew
    ? [{ key: "lksBaru", label: "LKS (Yayasan) baru (bukan perpanjangan)", type: "checkbox" }]
    : [];
  const nodes: NodeDef[] = [
    start("start", o.viaDpmptsp ? "Permohonan masuk melalui DPMPTSP" : "Pemohon mengajukan permohonan"),
    user("terimaBerkas", "Terima berkas permohonan", {
      roles: ["front-office"],
      fields: [{ key: "namaLembaga", label: "Nama organisasi / lembaga", type: "textfield", required: true }],
    }),
    checkDocuments(
      "verifikasi",
      "Verifikasi dan validasi berkas",
      ["back-office"],
      ids(o.standard.requirements),
      o.sla?.check,
      checkFields,
    ),
    xor("berkasLengkap", "Berkas lengkap?"),
    ...(o.siteVisitForNew
      ? [
          xor("jenisPermohonan", "LKS baru?"),
          user("tinjauLokasi", "Peninjauan lokasi LKS (Yayasan) baru", {
            roles: ["pekerja-sosial", "back-office"],
            sla: { value: 2, unit: "workingDays" as const },
            fields: [
              { key: "hasilPeninjauan", label: "Hasil peninjauan lokasi", type: "textarea" as const, required: true },
            ],
          }),
          merge("gabungPeninjauan"),
        ]
      : []),
    user("buatRekomendasi", o.viaDpmptsp ? "Buat surat pengantar / konsep surat" : "Cetak rekomendasi", {
      roles: ["back-office"],
      fields: [{ key: "nomorSurat", label: "Nomor surat", type: "textfield", required: true }],
    }),
    user("paraf", "Paraf koordinasi", {
      roles: ["kepala-bidang", "ketua-tim"],
      fields: [yes("diparaf", "Konsep telah diparaf")],
    }),
    user("tandatangan", "Penandatanganan oleh Kepala Dinas / yang mewakili", {
      roles: ["kepala-dinas", "sekretaris"],
      ...(o.sla ? { sla: o.sla.sign } : {}),
      fields: [yes("ditandatangani", "Ditandatangani")],
    }),
    doc("terbitkan", `Terbitkan ${o.title}`, o.template, o.title),
    ...(o.viaDpmptsp
      ? [
          notify(
            "teleponPemohon",
            "Hubungi pemohon via telepon: surat sudah ditandatangani",
            "applicant",
            `${o.title} sudah ditandatangani dan dapat diambil.`,
          ),
        ]
      : []),
    user("serahkan", "Penyerahan kepada pemohon", {
      roles: ["front-office"],
      fields: [yes("diserahkan", "Diserahkan / diambil pemohon")],
    }),
    end("selesai", "Rekomendasi diserahkan"),
    ...back.nodes,
  ];
  const flows = [
    ...chain("start", "terimaBerkas", "verifikasi", "berkasLengkap"),
    ...back.flows,
    ...(o.siteVisitForNew
      ? [
          flow("jenisPermohonan", "tinjauLokasi", { name: "Baru", condition: "=lksBaru = true" }),
          flow("jenisPermohonan", "gabungPeninjauan", { name: "Perpanjangan", isDefault: true }),
          ...chain("tinjauLokasi", "gabungPeninjauan", "buatRekomendasi"),
        ]
      : []),
    ...chain(
      "buatRekomendasi",
      "paraf",
      "tandatangan",
      "terbitkan",
      ...(o.viaDpmptsp ? ["teleponPemohon"] : []),
      "serahkan",
      "selesai",
    ),
  ];
  const phone = o.viaDpmptsp ? ["teleponPemohon"] : [];
  const happy = (lksBaru: boolean | undefined, dueCheck?: string, dueSign?: string): ScenarioDef["steps"] => [
    done("terimaBerkas", "front-office", { namaLembaga: "Yayasan Peduli Sesama" }),
    done("verifikasi", "back-office", { docsComplete: true, ...(lksBaru === undefined ? {} : { lksBaru }) }, dueCheck),
    ...(lksBaru ? [done("tinjauLokasi", "pekerja-sosial", { hasilPeninjauan: "Sesuai" })] : []),
    done("buatRekomendasi", "back-office", { nomorSurat: "400.9/001/Dayasos" }),
    done("paraf", "kepala-bidang", { diparaf: true }),
    done("tandatangan", "kepala-dinas", { ditandatangani: true }, dueSign),
    done("serahkan", "front-office", { diserahkan: true }),
  ];
  const dueCheck = o.sla?.check ? dueAt(o.sla.check) : undefined;
  const dueSign = o.sla ? dueAt(o.sla.sign) : undefined;
  const scenarios: ScenarioDef[] = [
    scenario(
      o.siteVisitForNew ? "lks-baru" : "utama",
      o.siteVisitForNew
        ? "Permohonan LKS baru: berkas lengkap, peninjauan lokasi, paraf, tanda tangan, penyerahan."
        : "Berkas lengkap; rekomendasi dicetak, diparaf, ditandatangani dan diserahkan.",
      happy(o.siteVisitForNew ? true : undefined, dueCheck, dueSign),
      { end: "selesai", documents: [o.template], notifications: phone },
    ),
    scenario(
      "berkas-tidak-lengkap",
      "Berkas tidak lengkap: dikembalikan kepada pemohon.",
      [
        done("terimaBerkas", "front-office", { namaLembaga: "Panitia Bazar Amal" }),
        done("verifikasi", "back-office", { docsComplete: false, kekuranganDokumen: "NPWP" }),
      ],
      { end: "berkasDikembalikan", documents: [], notifications: ["kembalikanBerkas"] },
    ),
  ];
  if (o.alsoStartingAt) {
    const a = o.alsoStartingAt;
    scenarios.push(
      startingAt(
        a.startAt,
        scenario(a.name, a.description, happy(o.siteVisitForNew ? true : undefined, a.check, a.sign), {
          end: "selesai",
          documents: [o.template],
          notifications: phone,
        }),
        a.caseDueAt,
      ),
    );
  }
  if (o.siteVisitForNew) {
    scenarios.push(
      scenario("perpanjangan", "Perpanjangan surat terdaftar: tanpa peninjauan lokasi.", happy(false), {
        end: "selesai",
        documents: [o.template],
        notifications: phone,
      }),
    );
  }
  return {
    slug: o.slug,
    ...(o.variant ? { file: `variants/${o.variant.district}` } : {}),
    processId: o.processId,
    name: o.name,
    district: o.district,
    source: o.source,
    standard: o.standard,
    ...(o.variant ? { variant: o.variant } : {}),
    nodes,
    flows,
    scenarios,
    coverage: o.coverage,
  };
}

/**
 * Due date of a task opened at the scenarios' start (Wed 2 Oct 2024 09:00 WIB, no holiday that
 * fortnight): N working days end at closing time (15:30) of the N-th working day after receipt.
 */
function dueAt(sla: { value: number; unit: string } | undefined): string | undefined {
  if (!sla) return undefined;
  if (sla.unit === "workingHours") return `2024-10-02T${String(9 + sla.value).padStart(2, "0")}:00:00+07:00`;
  if (sla.unit === "workingDays") {
    const days = [
      "2024-10-02",
      "2024-10-03",
      "2024-10-04",
      "2024-10-07",
      "2024-10-08",
      "2024-10-09",
      "2024-10-10",
      "2024-10-11",
      "2024-10-14",
      "2024-10-15",
      "2024-10-16",
      "2024-10-17",
      "2024-10-18",
      "2024-10-21",
      "2024-10-22",
    ];
    return `${days[sla.value]}T15:30:00+07:00`;
  }
  return undefined;
}

// PUB / UGB ---------------------------------------------------------------------------------------

const PUB_TEMPLATE: StandardDef = {
  code: "TPL-PUB-UGB",
  name: "Rekomendasi Pengumpulan Uang atau Barang (PUB) dan Undian Gratis Berhadiah (UGB) (template)",
  office: "Template Alur; berlaku melalui varian daerah",
  legalBasis: [
    UU_KESSOS,
    { kind: "UU", number: "13", year: 2011, title: "Penanganan Fakir Miskin" },
    { kind: "Permensos", number: "8", year: 2021, title: "Penyelenggaraan Pengumpulan Uang dan Barang" },
  ],
  requirements: [],
  procedure: [
    ["front-office", "Pemohon mengajukan permohonan rekomendasi PUB/UGB."],
    ["back-office", "Berkas diteliti (verifikasi dan validasi)."],
    ["back-office", "Surat rekomendasi dibuat/dicetak."],
    ["kepala-bidang", "Paraf koordinasi."],
    ["kepala-dinas", "Penandatanganan oleh Kepala Dinas / yang mewakili."],
    ["front-office", "Rekomendasi diserahkan kepada pemohon."],
  ],
  products: [{ name: "Surat Rekomendasi Penyelenggaraan PUB dan UGB" }],
  components: {},
};

export const PUB_UGB_TEMPLATE = permit({
  slug: "rekomendasi-pub-ugb",
  processId: "rekomendasi_pub_ugb",
  name: "Rekomendasi PUB dan UGB (template)",
  district: null,
  source: {
    seed: `${SERUYAN_SEED} + ${BEKASI_SEED}`,
    section: "steps common to Seruyan (Layanan PUB dan UGB) and Bekasi (IV.a)",
  },
  standard: PUB_TEMPLATE,
  template: "surat-rekomendasi-pub-ugb",
  title: "Surat Rekomendasi PUB/UGB",
  sla: null,
  coverage: "template: complete → signed recommendation; incomplete returned",
});

export const PUB_UGB_SERUYAN = permit({
  slug: "rekomendasi-pub-ugb",
  processId: `rekomendasi_pub_ugb_${SERUYAN}`,
  name: "Rekomendasi PUB dan UGB — Kabupaten Seruyan",
  district: SERUYAN,
  source: {
    seed: SERUYAN_SEED,
    section: "Lampiran, Layanan Pengumpulan Sumbangan (PUB) dan Undian Gratis Berhadiah (UGB)",
  },
  variant: {
    template: "rekomendasi_pub_ugb",
    district: SERUYAN,
    effectiveFrom: SERUYAN_VALIDITY.validFrom,
    legalBasis: SERUYAN_DECREE,
  },
  template: "surat-rekomendasi-pub-ugb",
  title: "Rekomendasi Pengumpulan Uang/ Barang dan Undian Gratis berhadiah",
  sla: { check: { value: 3, unit: "workingHours" }, sign: { value: 2, unit: "workingDays" } },
  // Counted by hand: received Friday 4 October 2024 at 14:00. The 3 working hours are 14:00-15:30
  // on Friday (1.5) and 08:00-09:30 on Monday 7 October (1.5), past the weekend. The 2 working
  // days (signature and the whole service) skip the day of receipt: Monday 7 is day 1, Tuesday
  // 8 October day 2, due at closing (15:30). No holiday falls in those days.
  alsoStartingAt: {
    name: "jumat-sore",
    description: "Berkas masuk Jumat sore 4 Oktober 2024 pukul 14.00: tenggat melewati akhir pekan.",
    startAt: "2024-10-04T14:00:00+07:00",
    check: "2024-10-07T09:30:00+07:00",
    sign: "2024-10-08T15:30:00+07:00",
    caseDueAt: "2024-10-08T15:30:00+07:00",
  },
  coverage:
    "complete → recommendation (3-hour check, 2-WD signature due dates), also from a Friday afternoon; incomplete returned",
  standard: {
    code: "SRY-PUB-UGB",
    name: "Layanan Pengumpulan Sumbangan (PUB) dan Undian Gratis Berhadiah (UGB)",
    office: SERUYAN_OFFICE,
    ...SERUYAN_VALIDITY,
    legalBasis: [
      UU_KESSOS,
      { kind: "UU", number: "24", year: 2007, title: "Penanggulangan Bencana" },
      { kind: "UU", number: "9", year: 1961, title: "Pengumpulan Uang dan Barang" },
      { kind: "UU", number: "13", year: 2011, title: "Penanganan Fakir Miskin" },
      { kind: "Permensos", number: "8", year: 2021, title: "Penyelenggaraan Pengumpulan Uang dan Barang" },
      {
        kind: "Permensos",
        number: "8",
        year: 2019,
        title:
          "Pengelolaan Hasil Pengumpulan Sumbangan Masyarakat dari Penyelenggaraan Undian Gratis Berhadiah Dalam Bentuk Uang",
      },
      { kind: "Permensos", number: "12", year: 2019, title: "Penyelenggaraan Undian Gratis Berhadiah" },
    ],
    requirements: [
      ...requirements([
        "Foto copy KTP Penanggung jawab (Pengusul)",
        "Surat Permohonan",
        "Foto copy Akta Pendirian yayasan / Sk Organisasi",
        "Foto copy Nomor Rekening Organisasi",
      ]),
      {
        id: "syarat05",
        name: "SPJ PUB dan UGB sebelumnya (jika sudah melaksanakan PUB / UGB)",
        mandatory: false,
        providedBy: "applicant",
      },
    ],
    procedure: [
      "Nama dan Alamat Organisasi",
      "Akta pendirian dan susunan pengurus",
      "Kegiatan Sosial terakhir yang telah dilaksanakan",
      "Maksud dan tujuan pengumpulan sumbangan",
      "Jangka waktu dan wilayah pelayanan penyelenggaraan",
      "Mekanisme penyaluran",
      "Mekanisme penyelenggaraan",
      "rincian Pembiayaan",
    ],
    completionTime: { value: 2, unit: "workingDays", text: "3 Jam, Maksimal 2 Hari Kerja." },
    fee: { amount: 0, text: "Tidak di pungut Biaya" },
    products: [{ name: "Rekomendasi Pengumpulan Uang/ Barang dan Undian Gratis berhadiah" }],
    complaints: SERUYAN_PERMIT_COMPLAINTS,
    components: {
      competence:
        "1. Pegawai Negeri Sipil (PNS) yang Kompeten.\n2. Kompetensi umum - Pendidikan SMA, D3, S-1. - Megetahui peraturan tentang perizinan PUB dan UGB. - Mampu mengoperasikan computer Kopetensi Bidang : - Berorientasi pada pelayanan - Disiplin - Tanggung Jawab - Santun dan Ramah",
      supervision:
        "Dilaksanakan oleh setiap atasan secara Struktural baik yang menyangkut aspek teknis maupun administrative sesuai dengan tupoksi yang dilaksanakan setiap hari dengan penerapan SKP.",
      staffCount: SERUYAN_PERMIT_STAFF,
      serviceGuarantee:
        "Memberikan Kompensasi apabila terjadi kesalahan dalam memproses permohonan dokumen yaitu dengan cara pemberitahuan langsung atau melalui telfon sebagai informasi.",
      safetyGuarantee: "Dokumen dikeluarkan dapat bertanggungjawabkan keabsahannya.",
      evaluation:
        "1. Minimal satu bulan sekali diadakan rapat dan evaluasi pelayanan terkait jumlah rekomendasi yang terkait.\n2. Minimal satu bulan sekali diadakan rapat dan evaluasi hambatan yang terjadi\n3. Melakukan penilaian kinerja staf pelaksana setiap tahun dalam hal disiplin dan tertib administrasi dalam rangka meningkatkan kualitas pelayanan kepada masyarakat pada kantor Dinas Sosial.",
    },
  },
});

const BEKASI_DAYASOS_SUPERVISION =
  "1. Pengawasan umum penyelenggaraan pelayanan dilakukan oleh atasan langsung secara berjenjang a. Pelaksana diawasi oleh Ketua Tim Pemberdayaan Sosial Kelembagaan Masyarakat; b. Ketua Tim Pemberdayaan Sosial Kelembagaan Masyarakat diawasi oleh Kepala Bidang Pemberdayaan Sosial; c. Kepala Bidang diawasi oleh Kepala Dinas.\n2. Pengawasan fungsional penyelenggaraan pelayanan dilakukan oleh Inspektorat Kabupaten Bekasi.\n3. Tersedianya mekanisme pengaduan aplikasi dan unit khusus penanganan pengaduan.";
const BEKASI_DAYASOS_FACILITIES =
  "1. Ruang/meja kerja;\n2. Ruang dan rak arsip;\n3. Komputer, smart phone, tablet dan printer;\n4. Seragam pelayanan dan seragam lapangan/rompi Dinas Sosial;\n5. Peralatan keselamatan dan keamanan;\n6. Jaringan internet;\n7. ID pegawai.";
const bekasiDayasosCompetence = (technical: string) =>
  `1. Pendidikan terakhir minimal SMA/SMK;\n2. Memiliki sikap ramah, komunikatif, bertanggung jawab dan sabar;\n3. Memahami etika pelayanan dan standar pelayanan;\n4. Memahami peraturan perundang-undangan mengenai pelayanan publik, administrasi pemerintahan;\n5. ${technical}\n6. Dapat mengoperasikan komputer dan aplikasi Ms Office.`;
const BEKASI_DAYASOS_SAFETY = SAFETY("pelanggan", true).replace(
  "petugas pelayanan menyediakan",
  "petugas pelayanan dengan menyediakan",
);

export const PUB_UGB_BEKASI = permit({
  slug: "rekomendasi-pub-ugb",
  processId: `rekomendasi_pub_ugb_${BEKASI}`,
  name: "Rekomendasi Penyelenggaraan UGB dan PUB — Kabupaten Bekasi",
  district: BEKASI,
  source: { seed: BEKASI_SEED, section: "Lampiran II, IV.a Surat Rekomendasi Penyelenggaraan UGB dan PUB" },
  variant: {
    template: "rekomendasi_pub_ugb",
    district: BEKASI,
    effectiveFrom: BEKASI_VALID_FROM,
    legalBasis: BEKASI_DECREE,
  },
  template: "surat-rekomendasi-pub-ugb",
  title: "Surat Rekomendasi Penyelenggaraan UGB dan PUB",
  viaDpmptsp: true,
  sla: { check: { value: 1, unit: "workingDays" }, sign: { value: 3, unit: "workingDays" } },
  coverage: "via DPMPTSP: complete → signed → applicant phoned → collected (due dates 1 and 3 WD); incomplete returned",
  standard: {
    code: "BKS-DAYASOS-PUB-UGB",
    name: "Pembuatan Surat Rekomendasi Penyelenggaraan Undian Gratis Berhadiah (Ugb) Dan Pengumpulan Uang Atau Barang (Pub)",
    office: BEKASI_OFFICE,
    validFrom: BEKASI_VALID_FROM,
    legalBasis: [
      { kind: "UU", number: "22", year: 1954, title: "Undian" },
      UU_KESSOS,
      { kind: "UU", number: "13", year: 2011, title: "Penanganan Fakir Miskin" },
      { kind: "PP", number: "42", year: 1981, title: "Pelayanan Kesejahteraan Sosial Bagi Fakir Miskin" },
      { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
      {
        kind: "PP",
        number: "63",
        year: 2013,
        title: "Pelaksanaan Upaya Penanganan Fakir Miskin Melalui Pendekatan Wilayah",
      },
      { kind: "Keppres", number: "48", year: 1973, title: "Penertiban Penyelenggaraan Undian" },
      {
        kind: "Permensos",
        number: "11",
        year: 2015,
        title:
          "Standar Operasional Prosedur Pelayanan Izin Undian Gratis Berhadiah (UGB) dan Pengumpulan Uang atau Barang",
      },
    ],
    requirements: [
      { id: "ugb1", name: "UGB: Akte Notaris", providedBy: "applicant", mandatory: false },
      { id: "ugb2", name: "UGB: Surat Izin Usaha Perdagangan (SIUP)", providedBy: "applicant", mandatory: false },
      { id: "ugb3", name: "UGB: Surat Keterangan Domisili", providedBy: "applicant", mandatory: false },
      { id: "ugb4", name: "UGB: Nomor Pokok Wajib Pajak (NPWP)", providedBy: "applicant", mandatory: false },
      { id: "pub1", name: "PUB: Akte Notaris", providedBy: "applicant", mandatory: false },
      { id: "pub2", name: "PUB: Surat Izin Usaha Perdagangan (SIUP)", providedBy: "applicant", mandatory: false },
      { id: "pub3", name: "PUB: Nomor Pokok Wajib Pajak (NPWP)", providedBy: "applicant", mandatory: false },
      { id: "pub4", name: "PUB: SK Kepanitiaan Penyelenggara", providedBy: "applicant", mandatory: false },
    ],
    procedure: [
      "Mengajukan Permohonan Penyelenggaraan UGB dan PUB pada Dinas Sosial Kabupaten Bekasi melalui Dinas Penanaman Modal & Pelayanan Terpadu Satu Pintu (DPMPTSP)",
      ["front-office", "Menerima berkas Pengajuan Permohonan Penyelenggaraan UGB dan PUB"],
      ["back-office", "Meneliti berkas Pengajuan Permohonan Penyelenggaraan UGB dan PUB"],
      ["back-office", "Pembuatan surat pengantar rekomendasi Penyelenggaraan UGB dan PUB"],
      [
        "kepala-dinas",
        "Pembubuhan paraf dan Penandatanganan sampai dengan penerbitan Surat Rekomendasi Penyelenggaraan UGB dan PUB",
      ],
      ["front-office", "Pengambilan Surat Rekomendasi Penyelenggaraan UGB dan PUB"],
    ],
    completionTime: {
      value: 3,
      maxValue: 4,
      unit: "calendarDays",
      text: "3 s.d 4 hari dan nanti dihubungi oleh petugas via telepon bila sudah ditanda tangani pimpinan",
    },
    fee: { amount: 0, text: "Rp. 0,-" },
    products: [
      {
        name: "Surat Rekomendasi Penyelenggaraan Undian Gratis Berhadiah (UGB) dan Pengumpulan Uang atau Barang (PUB)",
      },
    ],
    complaints: {
      text: "Pengaduan bisa dilakukan melalui berbagai kanal media baik secara offline maupun online. Offline: Datang langsung ke kantor Dinas Sosial Kabupaten Bekasi; Pengaduan disampaikan langsung ke Subkoordinator Tuna Sosial.",
      channels: [
        { kind: "in-person", value: "Datang langsung ke kantor Dinas Sosial Kabupaten Bekasi" },
        { kind: "in-person", value: "Subkoordinator Tuna Sosial" },
        { kind: "facebook", value: "Dinsos Kab-Bekasi" },
        { kind: "instagram", value: "dinsos.bkskab" },
        { kind: "twitter", value: "dinsos_bkskab" },
        { kind: "sp4n-lapor", value: "SP4N Lapor" },
      ],
    },
    components: {
      facilities: BEKASI_DAYASOS_FACILITIES,
      competence: bekasiDayasosCompetence(
        "Memahami peraturan teknis penyelenggaraan Penyelenggaraan Undian Gratis Berhadiah (UGB) dan Pengumpulan Uang atau Barang (PUB).",
      ),
      supervision: BEKASI_DAYASOS_SUPERVISION,
      staffCount: "2 orang Pelaksana",
      serviceGuarantee: GUARANTEE,
      safetyGuarantee: BEKASI_DAYASOS_SAFETY,
      evaluation:
        "Evaluasi kinerja pelayanan dilakukan secara rutin dan teratur serta melakukan perbaikan secara berkelanjutan",
      pledge: BEKASI_PLEDGE,
    },
  },
});

// LKS ---------------------------------------------------------------------------------------------

const LKS_TEMPLATE: StandardDef = {
  code: "TPL-LKS",
  name: "Rekomendasi / Surat Terdaftar Lembaga Kesejahteraan Sosial (template)",
  office: "Template Alur; berlaku melalui varian daerah",
  legalBasis: [
    UU_KESSOS,
    { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
    { kind: "Permensos", number: "184", year: 2011, title: "Lembaga Kesejahteraan Sosial" },
  ],
  requirements: [],
  procedure: [
    ["front-office", "Pemohon mengajukan permohonan."],
    ["back-office", "Verifikasi dan validasi berkas."],
    ["back-office", "Cetak rekomendasi / surat terdaftar."],
    ["kepala-bidang", "Paraf koordinasi."],
    ["kepala-dinas", "Penandatanganan oleh Kepala Dinas / yang mewakili."],
    ["front-office", "Penyerahan kepada pemohon."],
  ],
  products: [{ name: "Rekomendasi / Surat Tanda Terdaftar Lembaga Kesejahteraan Sosial" }],
  components: {},
};

export const LKS_TEMPLATE_DEF = permit({
  slug: "lembaga-kesejahteraan-sosial",
  processId: "lembaga_kesejahteraan_sosial",
  name: "Rekomendasi / Surat Terdaftar LKS (template)",
  district: null,
  source: {
    seed: `${SERUYAN_SEED} + ${BEKASI_SEED}`,
    section: "steps common to Seruyan (Produk Layanan LKS) and Bekasi (IV.b)",
  },
  standard: LKS_TEMPLATE,
  template: "surat-lks",
  title: "Rekomendasi / Surat Terdaftar LKS",
  sla: null,
  coverage: "template: complete → signed; incomplete returned",
});

export const LKS_SERUYAN = permit({
  slug: "lembaga-kesejahteraan-sosial",
  processId: `lembaga_kesejahteraan_sosial_${SERUYAN}`,
  name: "Rekomendasi Izin Operasional LKS — Kabupaten Seruyan",
  district: SERUYAN,
  source: { seed: SERUYAN_SEED, section: "Lampiran, Produk Layanan Lembaga Kesejahteraan Sosial" },
  variant: {
    template: "lembaga_kesejahteraan_sosial",
    district: SERUYAN,
    effectiveFrom: SERUYAN_VALIDITY.validFrom,
    legalBasis: SERUYAN_DECREE,
  },
  template: "surat-rekomendasi-izin-operasional-lks",
  title: "Rekomendasi Izin Oprasional Lembaga Kesejahteraan Sosial",
  sla: { check: { value: 5, unit: "workingDays" }, sign: { value: 14, unit: "workingDays" } },
  coverage: "complete → printed → initialled → signed → handed over (due dates 5 and 14 WD); incomplete returned",
  standard: {
    code: "SRY-LKS",
    name: "Produk Layanan Lembaga Kesejahteraan Sosial",
    office: SERUYAN_OFFICE,
    ...SERUYAN_VALIDITY,
    legalBasis: [
      {
        kind: "UU",
        number: "16",
        year: 2001,
        title: "Yayasan sebagaimana telah diubah dengan Undang – Undang Nomor 28 Tahun 2004",
      },
      { kind: "UU", number: "32", year: 2004, title: "Pemerintah daerah" },
      UU_KESSOS,
      { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
      { kind: "Permensos", number: "184", year: 2011, title: "Lembaga Kesejahteraan Sosial" },
      { kind: "Permensos", number: "22", year: 2016, title: "Standar Nasional lembaga Kesejahteraan Sosial" },
    ],
    requirements: requirements([
      "Pengajuan Proposal izin oprasional / Perpanjangan Oprasional",
      "Foto copy KTP Direktur / penanggungjawab/ pemilik yang masih berlaku",
      "Foto copy Nomor Induk wajib pajak (NPWP) Perusahaan Perorangan",
      "Foto copy Akta Pendirian Perusahaan dan perubahannya (untuk permohonan yang bebadan hokum)",
      "Fotocopy pengesahan Badan Hukum Perseroan dari Kementerian Hukum dan HAM Republik Indonesia untuk Perusahaan Berbadan Hukum",
      "Foto copy tabungan LKS/LKSA",
      "Foto copy Anggaran Rumah Tangga (ART)",
      "Foto copy Anggaran Dasar (AD)",
      "Pass Photo berwarna 4x6",
      "Keterangan Rencana Kegiatan (uraian proses pelayanan dengan diagram alur, uraian kegiatan pelayanan, struktur organisasi LKS/LKSA, surat pernyataan bermatrai atas kebenaran dokumen; surat kuasa asli bermatrai bila tidak disampaikan langsung)",
    ]),
    procedure: [
      ["front-office", "Pemohon"],
      ["back-office", "Ferivikasi dan Falidasi"],
      ["back-office", "Cetak rekomendasi"],
      ["kepala-bidang", "Paraf Koordinasi"],
      ["kepala-dinas", "Penandatanganan rekomendasi Oleh Kadis / yang mewakili"],
      "Pemohon",
      ["front-office", "Penyerahan"],
    ],
    completionTime: { value: 14, unit: "workingDays", text: "Maksimum 14 hari kerja" },
    fee: { amount: 0, text: "Tidak di pungut Biaya" },
    products: [{ name: "Rekomendasi Izin Oprasional Lembaga Kesejahteraan Sosial" }],
    complaints: SERUYAN_PERMIT_COMPLAINTS,
    components: {
      facilities:
        "1. Nomor Antrian 2. Ruang pelayanan yang nyaman 3. Ruang Tunggu yang nyaman 4. Meja 5. Kursi 6. Kamar Mandi dan WC 7. Tempat Parkir 8. Kotak Pengaduan. Fasilitas Pendukung: 1. Pelayanan Informasi 2. Papan informasi alur dan mekanisme pelayanan perizinan 3. Papan informasi alur mekanisme pengaduan 4. Maklumat Pelayanan 5. Water Dispenser 6. Papan Slogan Kawasan Bebas Korupsi 7. Area bebas Rokok",
      competence:
        "1. Kepala Dinas 2. Sekretaris 3. Kepala Bidang pemberdayaan 4. Pejabat fungsional yang menangani 5. Petugas Layanan Informasi 6. Petugas Penomoran 7. Petugas Pengambilan Rekomendasi Penyerahan rekomendasi 8. Petugas Pengarsip Dokumen",
      supervision: "Pengawasan Internal terhadap proses maupun pelayanan rekomendasi dipantau oleh atasan langsung",
      staffCount: SERUYAN_PERMIT_STAFF,
      serviceGuarantee:
        "Memberikan Kompensasi apabila terjadi kesalahan dalam memproses permohonan dokumen yaitu dengan cara memberitahukan langsung atau melalui telfon sebagai informasi.",
      safetyGuarantee: "Dokumen dikeluarkan dapat pertanggungjawabkan keabsahannya.",
      evaluation:
        "Evaluasi kinerja dilakukan melalui survey indeks Kepuasan Masyarakat (IKM) dengan Mekanisme, sebagai berikut : a. Setiap pemohon izin akan diberikan formulir IKM untuk diisi. b. Pengumpulan dan Pengolahan Data c. Analisa dan evaluasi Data d. Tindak lanjut hasil evaluasi - Evaluasi berdaarkan pengawasan atasan langsung terkait kinerja dan kedisiplinan",
    },
  },
});

export const LKS_BEKASI = permit({
  slug: "lembaga-kesejahteraan-sosial",
  processId: `lembaga_kesejahteraan_sosial_${BEKASI}`,
  name: "Surat Tanda Terdaftar dan Perpanjangan LKS (Yayasan) — Kabupaten Bekasi",
  district: BEKASI,
  source: {
    seed: BEKASI_SEED,
    section: "Lampiran II, IV.b Surat Tanda Terdaftar dan Surat Perpanjangan LKS (Yayasan)",
  },
  variant: {
    template: "lembaga_kesejahteraan_sosial",
    district: BEKASI,
    effectiveFrom: BEKASI_VALID_FROM,
    legalBasis: BEKASI_DECREE,
  },
  template: "surat-tanda-terdaftar-lks",
  title: "Surat Tanda Terdaftar LKS (Yayasan)",
  viaDpmptsp: true,
  siteVisitForNew: true,
  sla: { check: { value: 2, unit: "workingDays" }, sign: { value: 2, unit: "workingDays" } },
  coverage: "via DPMPTSP: new LKS → site visit; extension → no visit; incomplete returned; phone call when signed",
  standard: {
    code: "BKS-DAYASOS-LKS",
    name: "Pembuatan Surat Tanda Terdaftar Dan Surat Perpanjangan Lks (Yayasan) Pada Dinas Sosial Melalui Penanaman Modal & Pelayanan Terpadu Satu Pintu (Dpmptsp)",
    office: BEKASI_OFFICE,
    validFrom: BEKASI_VALID_FROM,
    legalBasis: [
      { kind: "UUD", year: 1945, title: "Undang-Undang Dasar Negara Republik Indonesia Tahun 1945" },
      { kind: "UU", number: "39", year: 1999, title: "Hak Azasi Manusia" },
      UU_KESSOS,
      { kind: "UU", number: "17", year: 2013, title: "Organisasi Kemasyarakatan" },
      { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
      { kind: "Permensos", number: "184", year: 2011, title: "Lembaga Kesejahteraan Sosial" },
      { kind: "Permensos", number: "17", year: 2012, title: "Akreditasi Lembaga Kesejahteraan Sosial" },
      { kind: "Permensos", number: "21", year: 2013, title: "Pengasuhan Anak" },
      { kind: "Kepmensos", number: "50/HUK/2004", year: 2004, title: "Standarisasi Panti Sosial" },
    ],
    requirements: requirements([
      "Surat Permohonan Mendaftarkan Yayasan",
      "Akte Pendirian/Akte Notaris (dengan mencantumkan maksud dan tujuan pendirian yayasan)",
      "Surat pengesahan dari Kemenkum & HAM",
      "Status Kepemilikan Tanah (Hibah, Milik Yayasan, Milik Panti, Sewa, HGB",
      "AD/ART",
      "Sarana/ Prasarana dan Sasaran kerja",
      "Susunan kepengurusan yayasan dan alamat pengurus yayasan",
      "Program Kerja",
      "Kegiatan yg dapat ditingkatkan",
      "Modal Kerja (dana, benda tetap/benda bergerak penunjang pelaksanaan UKS",
      "Administrasi kegiatan",
      "Foto Kegiatan",
      "klien kantor yayasan dan pengurus",
      "NPWP Yayasan/Panti",
      "KTP pemohon",
      "Surat keterangan dari Desa & Kecamatan",
      "Surat Keterangan Domisili LKS/Yayasan",
      "Ijin Tokoh Masyarakat di lingkungan",
    ]),
    procedure: [
      "Mengajukan Permohonan dan Perpanjangan Surat Terdaftar LKS (Yayasan) pada Dinas Sosial Kabupaten Bekasi melalui Dinas Penanaman Modal & Pelayanan Terpadu Satu Pintu (DPMPTSP)",
      [
        "front-office",
        "Dinas Sosial menerima berkas Pengajuan Permohonan dan Perpanjangan Surat Terdaftar LKS (Yayasan) yg selanjutnya di disposisi ke Bidang Pemberdayaan Sosial utk diteliti",
      ],
      [
        "back-office",
        "Meneliti berkas Pengajuan Permohonan dan Perpanjangan Surat Terdaftar LKS (Yayasan) pada Dinas Sosial",
      ],
      ["pekerja-sosial", "Peninjauan Lokasi LKS (Yayasan) bagi LKS (Yayaysan) baru"],
      ["back-office", "Pembuatan Perpanjangan Surat Terdaftar LKS (Yayasan) pada Dinas Sosial"],
      [
        "kepala-dinas",
        "Pembubuhan paraf dan Penandatanganan sampai dengan penerbitan perpanjangan Surat Terdaftar LKS (Yayasan).",
      ],
    ],
    completionTime: {
      value: 6,
      maxValue: 7,
      unit: "calendarDays",
      text: "6 s.d 7 hari dan nanti dihubungi oleh petugas via telepon bila sudah ditanda tangani pimpinan",
    },
    fee: { amount: 0, text: "Rp. 0,-" },
    products: [{ name: "Surat Tanda Terdaftar Baru / Terdaftar Ulang" }],
    complaints: {
      text: "Disampaikan kepada Dinas Sosial Melalui Penanaman Modal & Pelayanan Terpadu Satu Pintu (DPMPTSP)",
      channels: [{ kind: "in-person", value: "DPMPTSP Kabupaten Bekasi" }],
    },
    components: {
      facilities: BEKASI_DAYASOS_FACILITIES,
      competence: bekasiDayasosCompetence("Memahami peraturan teknis pembuatan surat tanda terdaftar yayasan;"),
      supervision: BEKASI_DAYASOS_SUPERVISION,
      staffCount: "2 orang Pelaksana",
      serviceGuarantee: GUARANTEE,
      safetyGuarantee: BEKASI_DAYASOS_SAFETY,
      evaluation:
        "Evaluasi kinerja pelayanan dilakukan secara rutin dan teratur serta melakukan perbaikan secara berkelanjutan",
      pledge: BEKASI_PLEDGE,
    },
  },
});

export const PERMIT_RECOMMENDATIONS = [
  PUB_UGB_TEMPLATE,
  LKS_TEMPLATE_DEF,
  PUB_UGB_SERUYAN,
  PUB_UGB_BEKASI,
  LKS_SERUYAN,
  LKS_BEKASI,
];
