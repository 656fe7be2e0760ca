/**
 * The tanda terima of an online application as an A4 PDF (pdf-lib's standard fonts, as the
 * generated letters): case number, service, applicant, what was received, the due date and how to
 * track. The tracking code is kept hashed only: it is printed as the applicant sent it to download.
 */
import type { ApplicationReceipt } from "@alur/shared/api";
import { PdfWriter } from "../../connectors/render-pdf";

const when = (iso: string) =>
  new Date(iso).toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "long", timeStyle: "short" });

export async function renderReceiptPdf(
  r: Omit<ApplicationReceipt, "trackingCode">,
  options: { trackingCode?: string } = {},
): Promise<Uint8Array> {
  const w = await PdfWriter.create({
    title: `Tanda terima ${r.caseNumber}`,
    at: new Date(r.receivedAt),
    creator: "Alur",
  });
  w.text(`DINAS SOSIAL ${r.district.name.toUpperCase()}`, { size: 13, bold: true, align: "center", lineHeight: 16 });
  w.rule(6, 1.5);
  w.space(14);
  w.title("TANDA TERIMA PERMOHONAN");
  const line = (label: string, value: string) => w.text(`${label}: ${value}`);
  line("Nomor permohonan", r.caseNumber);
  if (options.trackingCode) line("Kode pelacakan", options.trackingCode);
  line("Layanan", r.serviceName);
  line("Nama pemohon", r.applicantName);
  line("Diterima", when(r.receivedAt));
  line("Perkiraan selesai", r.dueAt ? when(r.dueAt) : "-");
  if (r.contact.phone) line("Pemberitahuan ke telepon", r.contact.phone);
  if (r.contact.email) line("Pemberitahuan ke email", r.contact.email);
  w.space(10);
  if (r.fields.length > 0) {
    w.text("Isian formulir", { bold: true });
    for (const f of r.fields) w.text(`${f.label}: ${f.value}`, { indent: 14 });
    w.space(8);
  }
  w.text("Dokumen diterima", { bold: true });
  if (r.documents.length === 0) w.text("(tidak ada)", { indent: 14 });
  for (const [i, d] of r.documents.entries()) {
    const size = Math.max(1, Math.round(d.size / 1024));
    w.text(`${d.name} (${d.filename}, ${size} kB)`, { indent: 14, marker: `${i + 1}.` });
  }
  w.space(14);
  w.text(
    "Lacak permohonan di halaman Lacak Permohonan dengan nomor permohonan dan kode pelacakan di atas. " +
      "Simpan tanda terima ini: kode pelacakan tidak dapat dilihat kembali.",
    { size: 10 },
  );
  return w.save();
}
