/**
 * Quoted blocks of seed 001: Keputusan Kepala Dinas Sosial Kabupaten Seruyan Nomor
 * 400.9/60/SK-DINSOS/I/2024 tentang Standar Pelayanan Administrasi Dinas Sosial (2 Januari 2024,
 * berlaku sampai 31 Desember 2024).
 */
import type { LegalBasisDef, StandardDef } from "../dsl";

export const SERUYAN = "6207";
export const SERUYAN_OFFICE = "Dinas Sosial Kabupaten Seruyan";
export const SERUYAN_SEED = "001_8bc1d503d4740aa5.txt";
export const SERUYAN_VALIDITY = { validFrom: "2024-01-02", validUntil: "2024-12-31" } as const;

export const SERUYAN_DECREE: LegalBasisDef = {
  kind: "Keputusan Kepala Dinas",
  number: "400.9/60/SK-DINSOS/I/2024",
  year: 2024,
  title: "Standar Pelayanan Administrasi Dinas Sosial Kabupaten Seruyan",
};

export const UU_KESSOS: LegalBasisDef = { kind: "UU", number: "11", year: 2009, title: "Kesejahteraan Sosial" };

export const SERUYAN_SUPERVISION =
  "Dilaksanakan oleh setiap atasan secara Struktural baik yang menyangkut aspek teknis maupun administrative sesuai dengan Tupoksi yang dilaksanakan setiap hari dengan menerapkan SKP";

export const SERUYAN_COMPETENCE =
  "Kompetensi Pelaksana :\n1. Statu : Pegawai Negeri Sipil\n2. Kompetensi Umum : Pendidikan SMA. D3, S1 mengetahui tentang layanan social dalam masyarakat\n3. Kompetensi Bidang : Berorientasi pada layanan, Disiplin, Tanggung Jawab, Sopan Santun, Ramah, Jujur, teliti dan Kerja Sama.";

export const SERUYAN_STAFF = "Petugas layanan Sosial 2 (Dua) orang dan Pembuatan Dokumen 1 (satu) orang";

export const SERUYAN_EVALUATION =
  "1. Minimal satu bulan sekali diadakan rapat dan evaluasi pelayanan terkait persyaratan\n2. Melakukan penilaian kinerja staf pelaksana setiap tahun dalam hal disiplin dan tertib administrasi dalam rangka meningkatkan kualitas pelayanan kepada masyarakat pada kantor Dinas Sosial.";

/** Penanganan pengaduan as the social services of the decree word it (email, Facebook, Instagram). */
export function seruyanComplaints(
  email = "dinsoskabseruyan@gmail.com",
  account = "Dinsos Seruyan",
  instagram = "Dinsos_seruyan",
): NonNullable<StandardDef["complaints"]> {
  return {
    text: `Pengaduan dapat dilakukan melalui Email: ${email} Facebook : ${account} Instagram : ${instagram}`,
    channels: [
      { kind: "email", value: email },
      { kind: "facebook", value: account },
      { kind: "instagram", value: instagram },
    ],
  };
}

/** The longer complaint procedure of the PUB/UGB and LKS sections. */
export const SERUYAN_PERMIT_COMPLAINTS: NonNullable<StandardDef["complaints"]> = {
  text: "Penanganan pengaduan melalui media / surat (pengaduan tidak langsung) tersebut diatas diatas akan ditindak lanjuti dengan tahap sebagai berikut : 1. Cek administrasi 2. Survei lapangan 3. koordinasi Internal 4. Koordinasi dengan Instansi Terkait. Penyelesaian Pengaduan Sesuai dengan kondisi dan permasalahan yang ada",
  channels: [
    { kind: "email", value: "dinsoskabseruyan@gmail.com" },
    { kind: "facebook", value: "Dinsos Seruyan" },
    { kind: "instagram", value: "Dinsos_seruyan" },
    { kind: "in-person", value: "Ruangan Pengaduan" },
    { kind: "phone", value: "Telepon" },
    { kind: "box", value: "Kotak Pengaduan" },
    { kind: "form", value: "Formulir Pengaduan" },
    { kind: "website", value: "Website" },
  ],
};

export const SERUYAN_PERMIT_STAFF =
  "1. Petugas pelayanan informasi 1 (satu) Orang\n2. Verifikator kelengkapan berkas 1 (satu) orang\n3. Pembuatan Dokumen 1 (satu) orang\n4. Cetak dan pemohonan izin 1 (satu) orang\n5. Penyerahan Dokumen izin 1 (satu) orang";
