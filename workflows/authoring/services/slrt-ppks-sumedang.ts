/**
 * Handling of PPKS and complaints at SLRT "Rumah Besar Simpati", Kabupaten Sumedang (seed 000):
 * check administration → internal coordination → coordination with related agencies; complaints
 * answered within 3 × 24 hours (a non-interrupting timer escalates to the head of division).
 */
import { chain, doc, end, flow, merge, notes, notify, type ServiceDef, start, user, xor, yes } from "../dsl";
import { done, requirements, scenario } from "../patterns";

export const SUMEDANG = "3211";
const SEED = "000_77fb198002e9124e.txt";

const REQ = requirements([
  "Pengaduan melalui SMS/WA center, Surat Keterangan dari Kepolisian",
  "KTP dan/atau Kartu Keluarga",
  "Buku Register",
  "List Kendali/Verifikasi",
]);

export const SLRT_SUMEDANG: ServiceDef = {
  slug: "penanganan-ppks-pengaduan",
  processId: `penanganan_ppks_pengaduan_${SUMEDANG}`,
  name: "Penanganan PPKS dan Pengaduan SLRT Rumah Besar Simpati — Kabupaten Sumedang",
  district: SUMEDANG,
  source: { seed: SEED, section: "Detail Produk Layanan (komponen 1-13)" },
  standard: {
    code: "SMD-SLRT-PPKS",
    name: "Penanganan PPKS dan Pengaduan (SLRT Rumah Besar Simpati)",
    office: "Dinas Sosial Kabupaten Sumedang",
    legalBasis: [
      {
        kind: "UUD",
        year: 1945,
        title: "pasal 34 tentang fakir miskin dan anak anak terlantar dipelihara oleh Negara",
      },
      {
        kind: "Permensos",
        number: "18",
        year: 2019,
        title: "standar pelayanan minimal bidang sosial di daerah provinsi/kab/kota",
      },
      {
        kind: "Perbup Sumedang",
        number: "63",
        year: 2018,
        title: "Sistem Layanan dan Rujukan Terpadu Rumah Besar Simpati Penanganan Fakir Miskin dan Orang Tidak Mampu",
      },
      {
        kind: "Keputusan Bupati Sumedang",
        number: "10",
        year: 2022,
        title:
          "Penunjukan Petugas Sekretariat Teknis Sistem Layanan dan Rujukan Terpadu Rumah Besar Simpati Penanganan Fakir Miskin dan Orang Tidak Mampu Kabupaten Sumedang Tahun 2022",
      },
    ],
    requirements: REQ,
    procedure: [
      ["front-office", "Cek administrasi"],
      ["pekerja-sosial", "Koordinasi internal"],
      ["ketua-tim", "Koordinasi instansi terkait"],
    ],
    // "Waktu Pelayanan 1" carries no unit in the document, so no completion time is recorded.
    fee: { amount: 0, text: "0" },
    products: [
      {
        name: "Penanggulangan PPKS",
        text: "Penanggulangan PPKS berupa bidikan program dan kegiatan, bantuan alat bagi disabilitas, permakanan/paket sembako, bantuan jaminan Kesehatan tergantung jenis PPKS dan permasalahannya",
      },
    ],
    complaints: {
      responseValue: 72,
      responseUnit: "hours",
      text: "Pengaduan melalui media tersebut di atas akan ditindaklanjuti oleh tim pengaduan dengan tahapan sebagai berikut : a) Cek administrasi b) Koordinasi internal c) Koordinasi instansi terkait. Responsif pengaduan : maksimal 3 x 24 jam. Penyelesaian pengaduan sesuai dengan kondisi dan permasalahan yang diterima",
      channels: [
        { kind: "website", value: "http://dinsos.sumedangkab.go.id" },
        { kind: "facebook", value: "DinasSosial Kab Sumedang" },
        { kind: "instagram", value: "dinsos.kabsumedang" },
        { kind: "twitter", value: "dinassosial.kabsumedang" },
        { kind: "sms", value: "SSQR SMS Centre 0811200133" },
        { kind: "email", value: "sosialp3a.kabsumedang@gmail.com" },
        { kind: "email", value: "yanrehsos2017@gmail.com" },
      ],
    },
    components: {
      facilities:
        "1. Meja\n2. Kursi\n3. Kursi tamu\n4. Komputer\n5. Printer\n6. Lemari arsip\n7. Atk\n8. Kendaraan dinas roda 4\n9. Kendaraan dinas roda 2",
      competence:
        "1. Pejabat Fungsional (Peksos, Pensos) dan Tim SSQR-SLRT\n2. Sarjana Hukum ( ASN yang menguasai terkait Hukum)\n3. Pejabat Fungsional atau ASN yang telah mengikuti pelatihan dasar kesejahteraan sosial\n4. Psikolog\n5. ASN yang berdisiplin Ilmu Kesejahteraan Sosial",
      supervision: "Dilakukan oleh kepalaBbidang Rehabilitasi Sosial dan para Pejabat Fungsional",
      serviceGuarantee: "Penanggulangan Pemerlu Pelayanan Kesejahteraan sosial",
      safetyGuarantee: "Berita acara penyelesaian permasalahan dan pengaduan dari PPKS",
      evaluation:
        "Evaluasi kinerja dilakukan melalui survey kepuasan masyarakat(SKM) dengan mekanisme sebagai berikut :\n1. Setiap pemohon penerbitan dokumen jenis pelayanan pada Dinas Sosial Kab. Sumedang secara acak akan diberikan formulir SKM untuk diisi;\n2. Pengumpulan dan pengolahan data;\n3. Analisa data dan evaluasi\n4. Tindak lanjut hasil evaluasi\n5. Evaluasi berdasarkan pengawasan atasan langsung terkait kinerja dan kedisiplinan",
    },
  },
  nodes: [
    start("start", "Pengaduan / laporan PPKS masuk"),
    user("cekAdministrasi", "Cek administrasi dan catat di buku register", {
      roles: ["front-office"],
      sla: { value: 72, unit: "hours" },
      documents: ["syarat01", "syarat02", "syarat03", "syarat04"],
      escalateTo: ["kepala-bidang"],
      fields: [
        { key: "namaPelapor", label: "Nama pelapor", type: "textfield", required: true },
        {
          key: "kanal",
          label: "Kanal pengaduan",
          type: "select",
          required: true,
          values: [
            { value: "sms-wa", label: "SMS/WA center" },
            { value: "langsung", label: "Datang langsung" },
            { value: "media-sosial", label: "Media sosial / website / email" },
          ],
        },
        { key: "uraian", label: "Uraian permasalahan", type: "textarea", required: true },
      ],
    }),
    {
      kind: "boundaryTimer",
      id: "batasRespons",
      name: "3 × 24 jam",
      attachedTo: "cekAdministrasi",
      interrupting: false,
      timer: { duration: "PT72H" },
    },
    notify(
      "eskalasi",
      "Eskalasi: pengaduan belum direspons 3 × 24 jam",
      "kepala-bidang",
      "Pengaduan {{namaPelapor}} belum direspons dalam 3 x 24 jam.",
    ),
    end("eskalasiTerkirim", "Eskalasi terkirim"),
    user("koordinasiInternal", "Koordinasi internal (Tim SSQR-SLRT)", {
      roles: ["pekerja-sosial", "ketua-tim"],
      fields: [
        yes("perluInstansiLain", "Perlu koordinasi dengan instansi terkait"),
        { key: "rencanaPenanganan", label: "Rencana penanganan", type: "textarea", required: true },
      ],
    }),
    xor("perluInstansi", "Perlu instansi terkait?"),
    user("koordinasiInstansi", "Koordinasi dengan instansi terkait", {
      roles: ["ketua-tim", "kepala-bidang"],
      fields: [{ key: "instansi", label: "Instansi terkait", type: "textfield", required: true }, notes],
    }),
    merge("gabungKoordinasi"),
    user("penanggulangan", "Penanggulangan PPKS (program, alat bantu, permakanan, jaminan kesehatan)", {
      roles: ["pekerja-sosial"],
      fields: [
        {
          key: "bentukPenanggulangan",
          label: "Bentuk penanggulangan",
          type: "select",
          required: true,
          values: [
            { value: "program", label: "Bidikan program dan kegiatan" },
            { value: "alat-bantu", label: "Bantuan alat bagi disabilitas" },
            { value: "sembako", label: "Permakanan / paket sembako" },
            { value: "jaminan-kesehatan", label: "Bantuan jaminan kesehatan" },
          ],
        },
        notes,
      ],
    }),
    doc(
      "beritaAcara",
      "Berita acara penyelesaian permasalahan dan pengaduan",
      "ba-penyelesaian-pengaduan",
      "Berita Acara Penyelesaian Permasalahan dan Pengaduan PPKS",
    ),
    notify("kabariPelapor", "Kabari pelapor: pengaduan selesai", "applicant", "Pengaduan Anda telah ditindaklanjuti."),
    end("selesai", "Pengaduan selesai"),
  ],
  flows: [
    ...chain("start", "cekAdministrasi", "koordinasiInternal", "perluInstansi"),
    ...chain("batasRespons", "eskalasi", "eskalasiTerkirim"),
    flow("perluInstansi", "koordinasiInstansi", { name: "Ya", condition: "=perluInstansiLain = true" }),
    flow("perluInstansi", "gabungKoordinasi", { name: "Tidak", isDefault: true }),
    ...chain("koordinasiInstansi", "gabungKoordinasi", "penanggulangan", "beritaAcara", "kabariPelapor", "selesai"),
  ],
  scenarios: [
    scenario(
      "dengan-instansi-dan-eskalasi",
      "Pengaduan via WA tidak direspons 3 × 24 jam (eskalasi ke Kepala Bidang), lalu dicek; perlu koordinasi instansi terkait; penanggulangan dan berita acara.",
      [
        { timer: "batasRespons" },
        done(
          "cekAdministrasi",
          "front-office",
          { namaPelapor: "Ibu Ani", kanal: "sms-wa", uraian: "Lansia terlantar" },
          "2024-10-05T09:00:00+07:00",
        ),
        done("koordinasiInternal", "pekerja-sosial", {
          perluInstansiLain: true,
          rencanaPenanganan: "Rujuk ke Puskesmas",
        }),
        done("koordinasiInstansi", "ketua-tim", { instansi: "Dinas Kesehatan" }),
        done("penanggulangan", "pekerja-sosial", { bentukPenanggulangan: "jaminan-kesehatan" }),
      ],
      { end: "selesai", documents: ["ba-penyelesaian-pengaduan"], notifications: ["eskalasi", "kabariPelapor"] },
    ),
    scenario(
      "internal-saja",
      "Pengaduan ditangani internal tanpa instansi lain.",
      [
        done("cekAdministrasi", "front-office", {
          namaPelapor: "Bapak Dedi",
          kanal: "langsung",
          uraian: "Butuh sembako",
        }),
        done("koordinasiInternal", "ketua-tim", { perluInstansiLain: false, rencanaPenanganan: "Paket sembako" }),
        done("penanggulangan", "pekerja-sosial", { bentukPenanggulangan: "sembako" }),
      ],
      { end: "selesai", documents: ["ba-penyelesaian-pengaduan"], notifications: ["kabariPelapor"] },
    ),
  ],
  coverage:
    "3×24-hour response timer escalates (72-hour due date); with / without coordination with agencies; settlement record",
};
