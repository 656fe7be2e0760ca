/** The case list as a file: CSV (RFC 4180, UTF-8 with BOM for spreadsheet apps) or XLSX (exceljs). */
import type { CaseListItem } from "@alur/shared/api";
import ExcelJS from "exceljs";

/** An instant as the office of `district` reads it, e.g. "2026-12-02 09:30". */
export type LocalTime = (iso: string, district: string) => string;

/** Column headers (Bahasa Indonesia, as the office reads them) and how each cell is taken from an item. */
const COLUMNS: { header: string; width: number; value: (item: CaseListItem, local: LocalTime) => string }[] = [
  { header: "Nomor permohonan", width: 26, value: (i) => i.caseNumber },
  { header: "Layanan", width: 32, value: (i) => i.serviceName },
  { header: "Versi", width: 6, value: (i) => String(i.version) },
  { header: "Kabupaten/Kota", width: 14, value: (i) => i.district },
  { header: "Status", width: 12, value: (i) => i.status },
  { header: "SLA", width: 10, value: (i) => i.sla ?? "" },
  { header: "Nama pemohon", width: 28, value: (i) => i.applicantName ?? "" },
  { header: "NIK", width: 18, value: (i) => i.nik ?? "" },
  { header: "Diterima", width: 20, value: (i, local) => local(i.receivedAt, i.district) },
  { header: "Selesai", width: 20, value: (i, local) => (i.closedAt ? local(i.closedAt, i.district) : "") },
  { header: "Tenggat", width: 20, value: (i, local) => (i.dueAt ? local(i.dueAt, i.district) : "") },
  { header: "Langkah saat ini", width: 30, value: (i) => i.currentSteps.map((s) => s.name ?? s.elementId).join("; ") },
];

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading
 * apostrophe: an applicant's name is data, never a formula (CSV injection).
 */
function neutralizeFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvCell(text: string): string {
  const safe = neutralizeFormula(text);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The rows as CSV text. */
export function casesCsv(items: CaseListItem[], local: LocalTime): string {
  const lines = [COLUMNS.map((c) => csvCell(c.header)).join(",")];
  for (const item of items) lines.push(COLUMNS.map((c) => csvCell(c.value(item, local))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** The rows as an XLSX workbook; every cell is text, so a NIK keeps its 16 digits. */
export async function casesXlsx(items: CaseListItem[], local: LocalTime): Promise<Uint8Array<ArrayBuffer>> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Alur";
  const sheet = workbook.addWorksheet("Permohonan", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width }));
  sheet.getRow(1).font = { bold: true };
  for (const item of items) sheet.addRow(COLUMNS.map((c) => c.value(item, local)));
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
