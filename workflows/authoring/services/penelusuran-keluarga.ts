/**
 * Penelusuran Keluarga PPKS (seed 002, a district office the document does not name): 11 steps,
 * 7 working days, iris screening at Disdukcapil when the client has no identity document.
 */
import { chain, doc, end, flow, merge, notes, notify, type ServiceDef, start, user, xor, yes } from "../dsl";
import { checkDocuments, done, scenario } from "../patterns";

const SEED = "002_d0b4f20217e7f327.txt";
const REQ = [
  { id: "syarat01", name: "Fotokopi Kartu Keluarga (Jika Ada)", mandatory: false, providedBy: "reporter" },
  { id: "syarat02", name: "Fotokopi KTP (Jika Ada)", mandatory: false, providedBy: "reporter" },
  {
    id: "syarat03",
    name: "Surat Keterangan Dari Kepolisian yang menyatakan klien tersebut terlantar",
    providedBy: "police",
  },
  {
    id: "syarat04",
    name: "Penerima Manfaat Merupakan Salah Satu dari Kategori Penyandang Disabilitas Terlantar, Lanjut Usia Terlantar, Anak Terlantar dan Gelandangan Pengemis.",
    providedBy: "reporter",
  },
];

export const PENELUSURAN_KELUARGA: ServiceDef = {
  slug: "penelusuran-keluarga",
  processId: "penelusuran_keluarga",
  name: "Penelusuran Keluarga Pemerlu Pelayanan Kesejahteraan Sosial",
  district: null,
  source: { seed: SEED, section: "Penelusuran Keluarga PPKS (komponen 1-14)" },
  standard: {
    code: "PENELUSURAN-KELUARGA",
    name: "Penelusuran Keluarga Pemerlu Pelayanan Kesejahteraan Sosial",
    office: "Dinas Sosial (kabupaten/kota tidak disebut dalam dokumen)",
    legalBasis: [
      { kind: "UU", number: "28", year: 1985, title: "Organisasi Sosial" },
      { kind: "UU", number: "32", year: 2004, title: "Pemerintah Daerah" },
      { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
      { kind: "UU", number: "6", year: 1974, title: "Ketentuan-ketentuan Pokok Kesejahteraan Sosial" },
      { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejateraan Sosial" },
      { kind: "PP", number: "2", year: 2018, title: "Standar Pelayanan Minimal" },
      { kind: "Permensos", number: "16", year: 2019, title: "Standar Nasional Rehabilitasi Sosial" },
      { kind: "Permendagri", number: "59", year: 2021, title: "Penerapan Standar Pelayanan Minimal" },
      {
        kind: "Permensos",
        number: "9",
        year: 2018,
        title:
          "Standar Teknis Pelayanan Dasar pada Standar Pelayanan Minimal Bidang Sosial di Daerah Provinsi dan di Daerah Kabupaten/Kota",
      },
    ],
    requirements: REQ,
    procedure: [
      "Pelapor mengajukan kelengkapan berkas kepada petugas",
      ["front-office", "Petugas Layanan Data dan Pengaduan menerima kelengkapan berkas"],
      ["front-office", "Petugas melakukan verifikasi dan validasi kelengkapan berkas yang diajukan"],
      ["back-office", "Petugas membuat berita acara penerimaan klien dari pelapor"],
      [
        "kepala-bidang",
        "Kepala Bidang menandatangani berita acara penerimaan klien untuk pihak yang memerlukan layanan",
      ],
      [
        "pekerja-sosial",
        "Petugas melakukan asessment kepada klien untuk mengetahui alamat klien (Alamat klien dapat diketahui berdasarkan KTP atau KK jika ada)",
      ],
      [
        "pekerja-sosial",
        "Jika tidak mempunyai identitas diri, klien mendapatkan fasilitas untuk screening iris mata ke Dinas Kependudukan dan Catatan Sipil dengan didampingi petugas",
      ],
      ["kepala-bidang", "Kepala Bidang menetapkan titik lokasi penelusuran"],
      ["pekerja-sosial", "Petugas melakukan persiapan penelusuran dengan mapping lokasi penelusuran"],
      ["pekerja-sosial", "Pelaksanaan Penelusuran Keluarga oleh Tim Respon Sosial"],
      [
        "pekerja-sosial",
        "Penyerahan Laporan Hasil Penelusuran Keluarga kepada Kepala Bidang dengan bentuk laporan hasil tertulis, berita acara, dokumentasi dan administrasi kependudukan klien",
      ],
    ],
    completionTime: { value: 7, unit: "workingDays", text: "7 Hari Kerja" },
    fee: { amount: 0, text: "Gratis" },
    products: [{ name: "Jasa Pendampingan Sosial" }],
    complaints: {
      text: "Pengaduan bisa dilakukan melalui: 1. Luring (Datang Langsung ke Dinas Sosial melalui Petugas di meja pengaduan dan ditindaklanjuti oleh Bidang Rehabilitasi Sosial) 2. Hotline Layanan dan Pengaduan 081311115125 3. Laman https://www.lapor.go.id/ serta kotak saran yang tersedia.",
      channels: [
        { kind: "in-person", value: "Meja pengaduan Dinas Sosial" },
        { kind: "phone", value: "081311115125" },
        { kind: "sp4n-lapor", value: "https://www.lapor.go.id/" },
        { kind: "box", value: "Kotak saran" },
      ],
    },
    components: {
      facilities:
        "1. Jasa Pendampingan Sosial Kepada Penerima Manfaat 2. Buku Register 3. Lembar Verifikasi 4. Komputer dan Printer 5. Alat Tulis Kantor",
      competence:
        "1. Minimal lulusan SMA; 2. Bisa Mengoperasikan Komputer; 3. Memahami Proses Layanan Penelusuran Keluarga",
      supervision: "1. Kepala Dinas 2. Sekretaris 3. Kepala Bidang Rehabilitasi Sosial",
      staffCount: "10 orang",
      serviceGuarantee:
        "1. Kualitas dan Kuantitas Barang yang diberikan sudah sesuai dengan peraturan dan ketentuan yang berlaku 2. Petugas Pelayanan yang kompeten",
      safetyGuarantee:
        "Dinas Sosial menyediakan fasilitas untuk keamanan dan keselamatan antara lain : 1. Petugas pelayanan informasi mengetahui dan faham mengenai pelayanan sosial; 2. Sarana dan Prasarana yang digunakan dalam keadaan laik beroperasi; 3. Dokumen yang diterbitkan bisa dipertanggungjawabkan secara yuridis formal;",
      evaluation: "Rapat koordinasi dilakukan sewaktu-waktu, setiap bulan, dan tiap semester.",
    },
  },
  nodes: [
    start("start", "Pelapor mengajukan berkas"),
    merge("gabungBerkas"),
    checkDocuments(
      "verifikasiBerkas",
      "Terima, verifikasi dan validasi berkas",
      ["front-office"],
      REQ.map((r) => r.id),
      { value: 1, unit: "workingDays" },
      [{ key: "namaPelapor", label: "Nama pelapor", type: "textfield", required: true }],
    ),
    xor("berkasLengkap", "Berkas lengkap?"),
    notify(
      "mintaKelengkapan",
      "Minta pelapor melengkapi berkas",
      "applicant",
      "Berkas penelusuran keluarga belum lengkap: {{kekuranganDokumen}}",
    ),
    user("terimaKelengkapan", "Terima kelengkapan berkas dari pelapor", {
      roles: ["front-office"],
      pausesClock: true,
      fields: [{ key: "tanggalTerima", label: "Tanggal berkas susulan diterima", type: "datetime", required: true }],
    }),
    doc(
      "baPenerimaan",
      "Buat berita acara penerimaan klien",
      "ba-penerimaan-klien",
      "Berita Acara Penerimaan Klien dari Pelapor",
    ),
    user("tandatanganBa", "Tandatangani berita acara penerimaan klien", {
      roles: ["kepala-bidang"],
      fields: [yes("ditandatangani", "Berita acara ditandatangani")],
    }),
    user("asesmen", "Asesmen klien untuk mengetahui alamat", {
      roles: ["pekerja-sosial"],
      sla: { value: 1, unit: "workingDays" },
      fields: [
        yes("punyaIdentitas", "Klien mempunyai identitas diri (KTP/KK)"),
        { key: "alamatDiketahui", label: "Alamat (jika diketahui)", type: "textfield" },
      ],
    }),
    xor("adaIdentitas", "Punya identitas?"),
    user("screeningIris", "Dampingi screening iris mata di Disdukcapil", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "hasilScreening", label: "Hasil screening (NIK / alamat)", type: "textfield", required: true }],
    }),
    merge("gabungIdentitas"),
    user("tetapkanLokasi", "Tetapkan titik lokasi penelusuran", {
      roles: ["kepala-bidang"],
      fields: [{ key: "titikLokasi", label: "Titik lokasi penelusuran", type: "textfield", required: true }],
    }),
    user("mapping", "Persiapan penelusuran dan mapping lokasi", {
      roles: ["pekerja-sosial"],
      fields: [{ key: "rencanaRute", label: "Rencana rute / mapping", type: "textarea", required: true }],
    }),
    user("penelusuran", "Penelusuran keluarga oleh Tim Respon Sosial", {
      roles: ["pekerja-sosial", "tksk"],
      sla: { value: 4, unit: "workingDays" },
      escalateTo: ["kepala-bidang"],
      fields: [yes("keluargaDitemukan", "Keluarga ditemukan"), notes],
    }),
    user("serahkanLaporan", "Serahkan laporan hasil penelusuran kepada Kepala Bidang", {
      roles: ["pekerja-sosial"],
      sla: { value: 1, unit: "workingDays" },
      fields: [{ key: "ringkasanLaporan", label: "Ringkasan laporan", type: "textarea", required: true }],
    }),
    doc(
      "laporan",
      "Laporan hasil penelusuran, berita acara dan dokumentasi",
      "laporan-penelusuran-keluarga",
      "Laporan Hasil Penelusuran Keluarga",
    ),
    end("selesai", "Penelusuran selesai"),
  ],
  flows: [
    ...chain("start", "gabungBerkas", "verifikasiBerkas", "berkasLengkap"),
    flow("berkasLengkap", "baPenerimaan", { name: "Lengkap", condition: "=docsComplete = true" }),
    flow("berkasLengkap", "mintaKelengkapan", { name: "Belum lengkap", isDefault: true }),
    ...chain("mintaKelengkapan", "terimaKelengkapan", "gabungBerkas"),
    ...chain("baPenerimaan", "tandatanganBa", "asesmen", "adaIdentitas"),
    flow("adaIdentitas", "gabungIdentitas", { name: "Ada identitas", condition: "=punyaIdentitas = true" }),
    flow("adaIdentitas", "screeningIris", { name: "Tanpa identitas", isDefault: true }),
    ...chain(
      "screeningIris",
      "gabungIdentitas",
      "tetapkanLokasi",
      "mapping",
      "penelusuran",
      "serahkanLaporan",
      "laporan",
      "selesai",
    ),
  ],
  scenarios: [
    scenario(
      "tanpa-identitas",
      "Klien tanpa identitas: screening iris mata di Disdukcapil, lalu penelusuran; due date verifikasi 1 hari kerja.",
      [
        done(
          "verifikasiBerkas",
          "front-office",
          { docsComplete: true, namaPelapor: "Polsek Kota" },
          "2024-10-03T15:30:00+07:00",
        ),
        done("tandatanganBa", "kepala-bidang", { ditandatangani: true }),
        done("asesmen", "pekerja-sosial", { punyaIdentitas: false }),
        done("screeningIris", "pekerja-sosial", { hasilScreening: "NIK ditemukan, alamat Cirebon" }),
        done("tetapkanLokasi", "kepala-bidang", { titikLokasi: "Cirebon" }),
        done("mapping", "pekerja-sosial", { rencanaRute: "Via Tol Cipali" }),
        done("penelusuran", "pekerja-sosial", { keluargaDitemukan: true }, "2024-10-08T15:30:00+07:00"),
        done("serahkanLaporan", "pekerja-sosial", { ringkasanLaporan: "Keluarga ditemukan" }),
      ],
      { end: "selesai", documents: ["ba-penerimaan-klien", "laporan-penelusuran-keluarga"], notifications: [] },
    ),
    // Counted by hand (national calendar, no holiday in October 2024): received Wednesday 2 October
    // 09:00, the 7 working days end Friday 11 October 15:30. The reporter brings the police letter
    // on Monday 7 October 10:00; the clock stood still for 6.5 + 7.5 + 7.5 + 2 = 23.5 office
    // hours (Wednesday from 09:00, Thursday, Friday, Monday to 10:00), so the case is due 23.5
    // office hours after Friday's closing: Monday 14, Tuesday 15 and Wednesday 16 (22.5) and
    // Thursday 17 October 09:00. The file checked again on Monday 10:00 is due in 1 working day
    // (Tuesday 8, 15:30), as are the assessment and the report; the tracing's 4 end Friday 11.
    scenario(
      "dengan-identitas-berkas-susulan",
      "Berkas belum lengkap (surat kepolisian menyusul, dibawa pelapor Senin pukul 10.00), klien mempunyai KTP: tanpa screening iris.",
      [
        done(
          "verifikasiBerkas",
          "front-office",
          { docsComplete: false, namaPelapor: "Warga", kekuranganDokumen: "Surat kepolisian" },
          "2024-10-03T15:30:00+07:00",
        ),
        { wait: "P5DT1H" },
        done("terimaKelengkapan", "front-office", { tanggalTerima: "2024-10-07" }),
        done(
          "verifikasiBerkas",
          "front-office",
          { docsComplete: true, namaPelapor: "Warga" },
          "2024-10-08T15:30:00+07:00",
        ),
        done("tandatanganBa", "kepala-bidang", { ditandatangani: true }),
        done(
          "asesmen",
          "pekerja-sosial",
          { punyaIdentitas: true, alamatDiketahui: "Indramayu" },
          "2024-10-08T15:30:00+07:00",
        ),
        done("tetapkanLokasi", "kepala-bidang", { titikLokasi: "Indramayu" }),
        done("mapping", "pekerja-sosial", { rencanaRute: "Jalur Pantura" }),
        done("penelusuran", "tksk", { keluargaDitemukan: true }, "2024-10-11T15:30:00+07:00"),
        done(
          "serahkanLaporan",
          "pekerja-sosial",
          { ringkasanLaporan: "Keluarga ditemukan" },
          "2024-10-08T15:30:00+07:00",
        ),
      ],
      {
        end: "selesai",
        documents: ["ba-penerimaan-klien", "laporan-penelusuran-keluarga"],
        notifications: ["mintaKelengkapan"],
        caseDueAt: "2024-10-17T09:00:00+07:00",
      },
    ),
  ],
  coverage:
    "no ID → iris screening; with ID; incomplete file waits for the reporter over a weekend (clock paused, case due date moved by the 23.5 office hours); due dates of check and tracing",
};
