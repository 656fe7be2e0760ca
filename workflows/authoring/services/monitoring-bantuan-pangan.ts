/**
 * Monitoring Pelayanan Pangan (seed 004, a district office the document does not name): the
 * office accompanies the distribution of Sembako food aid until each KPM has received it.
 */
import { chain, doc, end, flow, merge, notes, type ServiceDef, start, user, xor, yes } from "../dsl";
import { done, requirements, scenario } from "../patterns";

const SEED = "004_e7703bcda2afc0cb.txt";
const REQ = requirements(
  [
    "Fotokopi KTP",
    "Fotokopi KK",
    "Termasuk dalam Data Terpadu Kesejahteraan Sosial (DTKS)",
    "Termasuk dalam data bayar SP2D",
    "Akun elektronik bantuan pangan diutamakan atas nama orangtua perempuan (ibu) dalam keluarga",
    "Kepemilikan Kartu Keluarga Sejahtera (KKS)",
  ],
  "beneficiary",
);

export const MONITORING_PANGAN: ServiceDef = {
  slug: "monitoring-bantuan-pangan",
  processId: "monitoring_bantuan_pangan",
  name: "Monitoring Penyaluran Bantuan Pangan (Sembako) kepada KPM",
  district: null,
  source: { seed: SEED, section: "Monitoring Pelayanan Pangan (komponen 1-14)" },
  standard: {
    code: "MONITORING-PANGAN",
    name: "Monitoring Pelayanan Pangan",
    office: "Dinas Sosial (kabupaten/kota tidak disebut dalam dokumen)",
    legalBasis: [
      { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" },
      { kind: "PP", number: "39", year: 2012, title: "Penyelenggaraan Kesejahteraan Sosial" },
      { kind: "Perpres", number: "63", year: 2017, title: "Penyaluran Bantuan Sosial Secara Non Tunai" },
      { kind: "Permensos", number: "5", year: 2021, title: "Pelaksanaan Program Sembako" },
    ],
    requirements: REQ,
    procedure: [["pekerja-sosial", "Dinas Sosial melakukan monitoring kepada KPM Bantuan Pangan"]],
    // "Proses pendampingan dilaksanakan sampai dengan KPM menerima bantuan": no fixed duration.
    fee: { amount: 0, text: "Gratis" },
    products: [{ name: "Jasa Pendampingan penyaluran bantuan program Sembako" }],
    complaints: {
      text: "Pengaduan dapat dilakukan melalui: 1. Luring (Datang Langsung ke Dinas Sosial melalui Petugas di meja pengaduan dan ditindaklanjuti oleh Bidang Penanganan Fakir Miskin) 2. Hotline Layanan dan Pengaduan 081311115125 3. Laman https://www.lapor.go.id/ serta kotak saran yang tersedia.",
      channels: [
        { kind: "in-person", value: "Meja pengaduan Dinas Sosial" },
        { kind: "phone", value: "081311115125" },
        { kind: "sp4n-lapor", value: "https://www.lapor.go.id/" },
        { kind: "box", value: "Kotak saran" },
      ],
    },
    components: {
      facilities: "1. Ruang Tunggu 2. Komputer 3. Printer",
      competence: "1. Pendidikan minimal SMA 2. Memahami proses penyaluran bantuan program sembako",
      supervision: "1. Kepala Dinas 2. Sekretaris 3. Kepala Bidang Penanganan Fakir Miskin",
      staffCount: "15-20 orang",
      serviceGuarantee:
        "1. Kualitas dan Kuantitas Barang yang Diberikan sudah sesuai dengan peraturan dan ketentuan yang berlaku 2. Petugas Pelayanan yang kompeten",
      safetyGuarantee:
        "1. Petugas pelayanan informasi yang mengetahui dan faham mengenai bidang tugas 2. Sarana dan Prasarana yang digunakan dalam keadaan laik beroperasi; 3. Dokumen yang diterbitkan bisa dipertanggungjawabkan secara yuridis formal;",
      evaluation: "Rapat koordinasi dilakukan sewaktu-waktu, setiap bulan, dan tiap semester.",
    },
  },
  nodes: [
    start("start", "Jadwal penyaluran bantuan pangan"),
    user("verifikasiKpm", "Cocokkan KPM dengan DTKS dan data bayar SP2D", {
      roles: ["back-office"],
      documents: REQ.map((r) => r.id),
      fields: [
        { key: "namaKpm", label: "Nama KPM", type: "textfield", required: true },
        { key: "periode", label: "Periode penyaluran", type: "textfield", required: true },
      ],
    }),
    merge("gabungMonitoring"),
    user("monitoring", "Monitoring penyaluran kepada KPM", {
      roles: ["pekerja-sosial", "tksk"],
      sla: { value: 5, unit: "workingDays" },
      fields: [
        yes("bantuanDiterima", "KPM sudah menerima bantuan"),
        { key: "kendala", label: "Kendala penyaluran", type: "textarea" },
      ],
    }),
    xor("sudahDiterima", "Bantuan diterima?"),
    user("tindakLanjut", "Tindak lanjut kendala penyaluran (e-warong, bank penyalur, KKS)", {
      roles: ["pekerja-sosial", "ketua-tim"],
      fields: [{ key: "tindakan", label: "Tindakan yang diambil", type: "textarea", required: true }, notes],
    }),
    doc(
      "laporanMonitoring",
      "Laporan monitoring penyaluran",
      "laporan-monitoring-sembako",
      "Laporan Monitoring Penyaluran Bantuan Pangan",
    ),
    end("selesai", "KPM menerima bantuan"),
  ],
  flows: [
    ...chain("start", "verifikasiKpm", "gabungMonitoring", "monitoring", "sudahDiterima"),
    flow("sudahDiterima", "laporanMonitoring", { name: "Diterima", condition: "=bantuanDiterima = true" }),
    flow("sudahDiterima", "tindakLanjut", { name: "Belum", isDefault: true }),
    ...chain("tindakLanjut", "gabungMonitoring"),
    ...chain("laporanMonitoring", "selesai"),
  ],
  scenarios: [
    scenario(
      "diterima-setelah-tindak-lanjut",
      "KPM belum menerima (KKS bermasalah), tindak lanjut, monitoring ulang: diterima.",
      [
        done("verifikasiKpm", "back-office", { namaKpm: "Ibu Wati", periode: "Oktober 2024" }),
        done("monitoring", "tksk", { bantuanDiterima: false, kendala: "KKS terblokir" }, "2024-10-09T15:30:00+07:00"),
        done("tindakLanjut", "ketua-tim", { tindakan: "Koordinasi bank penyalur" }),
        done("monitoring", "pekerja-sosial", { bantuanDiterima: true }),
      ],
      { end: "selesai", documents: ["laporan-monitoring-sembako"], notifications: [] },
    ),
    scenario(
      "langsung-diterima",
      "KPM menerima bantuan pada monitoring pertama.",
      [
        done("verifikasiKpm", "back-office", { namaKpm: "Ibu Siti", periode: "Oktober 2024" }),
        done("monitoring", "pekerja-sosial", { bantuanDiterima: true }),
      ],
      { end: "selesai", documents: ["laporan-monitoring-sembako"], notifications: [] },
    ),
  ],
  coverage: "received at first visit; not received → follow-up → monitored again (loop); 5-WD due date",
};
