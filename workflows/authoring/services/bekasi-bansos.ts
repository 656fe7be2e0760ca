/** Pemberian Paket Bantuan Sosial, Kabupaten Bekasi (seed 003, Lampiran II, II.a). */
import { chain, doc, end, flow, notes, notify, type ServiceDef, start, user, xor, yes } from "../dsl";
import { checkDocuments, done, ids, requirements, scenario } from "../patterns";
import {
  BEKASI,
  BEKASI_OFFICE,
  BEKASI_PLEDGE,
  BEKASI_SEED,
  BEKASI_VALID_FROM,
  GUARANTEE,
  SAFETY,
} from "../sources/bekasi-2023";

const REQ = requirements([
  "Surat Keterangan Tidak Mampu (SKTM) pada Desa/Kelurahan Domisili Pemohon",
  "Surat Permohonan Bantuan Sosial dengan bertanda tangan Kepala Desa/Kelurahan",
  "Foto Copy Kartu Keluarga Pemohon",
  "Foto Copy Kartu Tanda Penduduk Pemohon",
  "Kronologis Kasus Kejadian yang dialami pemohon",
  "Foto – Foto Pendukung Kasus Kejadian",
]);

export const BANSOS_PAKET: ServiceDef = {
  slug: "paket-bantuan-sosial",
  processId: "paket_bantuan_sosial_3216",
  name: "Pemberian Paket Bantuan Sosial bagi PPKS — Kabupaten Bekasi",
  district: BEKASI,
  source: { seed: BEKASI_SEED, section: "Lampiran II, II.a Pemberian Bantuan Sosial Bagi PPKS" },
  standard: {
    code: "BKS-LINJAMSOS-BANSOS",
    name: "Pemberian Paket Bantuan Sosial",
    office: BEKASI_OFFICE,
    validFrom: BEKASI_VALID_FROM,
    legalBasis: [
      { kind: "UUD", year: 1945, title: "Undang Undang Dasar Republik Indonesia Tahun 1945" },
      { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
      {
        kind: "Permendagri",
        number: "77",
        year: 2020,
        title:
          "pemberi bantuan sosial harus merupakan satuan kerja pada kementerian atau lembaga pada Pemerintah Pusat dan Satuan Kerja Perangkat Daerah pada Pemerintah Daerah yang tugasnya melaksanakan program penanggulangan kemiskinan",
      },
      {
        kind: "Keputusan Bupati Bekasi",
        number: "HK.02.02/Kep-135-BPKD/2023",
        year: 2023,
        title:
          "Pengesahan Dokumen Pelaksanaan Anggaran (DPA) Peraturan Bupati Bekasi Nomor 232 Tahun 2022 tentang Penjabaran APBD Tahun Anggaran 2023",
      },
    ],
    requirements: REQ,
    procedure: [
      [
        "tksk",
        "Pengajuan Permohonan Bantuan Sosial diajukan melalui Pekerja Sosial Masyarakat (PSM) / Tenaga Kesejahteraan Sosial Kecamatan (TKSK) sesuai dengan tempat tinggal si pemohon;",
      ],
      [
        "front-office",
        "Dinas Sosial menerima Berkas pengajuan Permohonan Bantuan Sosial yang telah kirimkan melalui PSM/TKSK",
      ],
      ["back-office", "Meneliti dan memverifikasi Berkas Pengajuan Bantuan Sosial"],
      [
        "pekerja-sosial",
        "Peninjauan dan Pemberian Bantuan Sosial bagi si pemohon melalui Tim Penanganan Pemerlu Pelayanan Kesejahteraan Sosial (PPKS) Dinas Sosial",
      ],
      "Pemohon Menerima Bantuan Sosial berupa Paket Sembako",
    ],
    completionTime: {
      value: 1,
      maxValue: 2,
      unit: "calendarDays",
      text: "1 s/d 2 Hari setelah berkas pengajuan Permohonan Bantuan Sosial diterima",
    },
    fee: { amount: 0, text: "Rp. 0,-" },
    products: [{ name: "Paket Bantuan Sosial" }],
    complaints: {
      text: "Pengaduan disampaikan melalui PSM dan TKSK pada Domisili atau tempat wilayah tinggal pemohon",
      channels: [{ kind: "in-person", value: "PSM dan TKSK pada domisili pemohon" }],
    },
    components: {
      facilities:
        "1. Ruang dan/atau meja kerja;\n2. Rak Arsip;\n3. Komputer, Smartphone, tablet dan Printer;\n4. Seragam pelayanan dan Seragam Lapangan/Rompi Dinas Sosial;\n5. Kendaraan Dinas;\n6. Peralatan keselamatan dan keamanan;\n7. Jaringan Internet;\n8. ID Pegawai.",
      competence:
        "1. Pendidikan terakhir Minimal SMA/SMK\n2. Memiliki sikap ramah, komunikatif, bertanggungjawab dan Sabar",
      supervision:
        "1. Pengawasan umum penyelenggaraan pelayanan dilakukan oleh atasan langsung secara bejenjang; a. Pelaksana diawasi Ketua Tim Perlindungan Sosial Korban Bencana Sosial b. Ketua Tim Perlindungan Sosial Korban Bencana Sosial diawasi oleh Kepala Bidang Perlindungan Jaminan Sosial c. Kepala Bidang Perlindungan Jaminan Sosial diawasi oleh Sekretaris Dinas d. Sekretaris Dinas diawasi oleh Kepala Dinas\n2. Pengawasan fungsional penyelenggaraan pelayanan dilakukan oleh Inspektorat Kabupaten Bekasi;\n3. Tersedia mekanisme pengaduan, aplikasi dan unit khusus penanganan pengaduan.",
      staffCount: "3 atau 4 Orang Pelaksana Dinas Sosial Kabupaten Bekasi",
      serviceGuarantee: GUARANTEE,
      safetyGuarantee: SAFETY("pelanggan", true),
      evaluation:
        "Evaluasi Kinerja pelayanan dilakukan secara rutin dan teratur serta melakukan perbaikan secara berkelanjutan.",
      pledge: BEKASI_PLEDGE,
    },
  },
  nodes: [
    start("start", "Permohonan diajukan melalui PSM/TKSK"),
    user("terimaBerkas", "Terima berkas dari PSM/TKSK", {
      roles: ["front-office"],
      fields: [
        { key: "namaPemohon", label: "Nama pemohon", type: "textfield", required: true },
        { key: "pengirim", label: "Dikirim melalui (nama PSM/TKSK)", type: "textfield", required: true },
      ],
    }),
    checkDocuments("verifikasiBerkas", "Teliti dan verifikasi berkas", ["back-office"], ids(REQ), {
      value: 1,
      unit: "workingDays",
    }),
    xor("berkasLengkap", "Berkas memenuhi syarat?"),
    user("tinjauDanSerahkan", "Tinjau pemohon dan serahkan paket sembako", {
      roles: ["pekerja-sosial", "tksk"],
      sla: { value: 1, unit: "workingDays" },
      fields: [
        { key: "tanggalPenyerahan", label: "Tanggal penyerahan", type: "datetime", required: true },
        yes("paketDiterima", "Paket bantuan diterima pemohon"),
        notes,
      ],
    }),
    doc(
      "beritaAcara",
      "Buat tanda terima paket bantuan sosial",
      "tanda-terima-bansos",
      "Tanda Terima Paket Bantuan Sosial",
    ),
    end("selesai", "Bantuan diterima"),
    notify(
      "kabariTksk",
      "Kabari PSM/TKSK: berkas belum memenuhi syarat",
      "tksk",
      "Berkas permohonan bantuan sosial belum lengkap: {{kekuranganDokumen}}",
    ),
    end("ditolak", "Berkas dikembalikan ke PSM/TKSK"),
  ],
  flows: [
    ...chain("start", "terimaBerkas", "verifikasiBerkas", "berkasLengkap"),
    flow("berkasLengkap", "tinjauDanSerahkan", { name: "Memenuhi syarat", condition: "=docsComplete = true" }),
    flow("berkasLengkap", "kabariTksk", { name: "Belum", isDefault: true }),
    flow("kabariTksk", "ditolak"),
    ...chain("tinjauDanSerahkan", "beritaAcara", "selesai"),
  ],
  scenarios: [
    scenario(
      "utama",
      "Berkas dari TKSK diterima, diverifikasi (1 hari kerja), ditinjau dan paket diserahkan (1 hari kerja).",
      [
        done("terimaBerkas", "front-office", { namaPemohon: "Ibu Rohmah", pengirim: "TKSK Cikarang Pusat" }),
        done("verifikasiBerkas", "back-office", { docsComplete: true }, "2024-10-03T15:30:00+07:00"),
        done(
          "tinjauDanSerahkan",
          "tksk",
          { tanggalPenyerahan: "2024-10-03", paketDiterima: true },
          "2024-10-03T15:30:00+07:00",
        ),
      ],
      { end: "selesai", documents: ["tanda-terima-bansos"], notifications: [] },
    ),
    scenario(
      "berkas-tidak-memenuhi",
      "Kronologis kejadian tidak dilampirkan: berkas kembali ke TKSK.",
      [
        done("terimaBerkas", "front-office", { namaPemohon: "Bapak Udin", pengirim: "PSM Tambun" }),
        done("verifikasiBerkas", "back-office", { docsComplete: false, kekuranganDokumen: "Kronologis kejadian" }),
      ],
      { end: "ditolak", documents: [], notifications: ["kabariTksk"] },
    ),
  ],
  coverage:
    "file via TKSK → verified (1 WD due) → visit and package handed over; file not meeting requirements returned",
};
