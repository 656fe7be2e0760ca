/**
 * The derived Standar Pelayanan as an official A4 document: kop surat of the office, the 14
 * components with the procedure derived from the model, the Maklumat Pelayanan, the signature
 * block, and the flowchart on a landscape page. Indonesian only: it is the published text.
 */
import { durationWords } from "@alur/shared/compiler";
import { type DerivedStandard, Requirement, type ServiceStandard } from "@alur/shared/schemas";
import { rgb } from "pdf-lib";
import { PdfWriter, wrap } from "../../connectors/render-pdf";

const COMPONENTS: [keyof ServiceStandard, string][] = [
  ["legalBasis", "Dasar Hukum"],
  ["requirements", "Persyaratan Pelayanan"],
  ["procedure", "Sistem, Mekanisme dan Prosedur"],
  ["completionTime", "Jangka Waktu Penyelesaian"],
  ["fee", "Biaya/Tarif"],
  ["products", "Produk Pelayanan"],
  ["complaints", "Penanganan Pengaduan, Saran dan Masukan"],
  ["facilities", "Sarana dan Prasarana"],
  ["competence", "Kompetensi Pelaksana"],
  ["supervision", "Pengawasan Internal"],
  ["staffCount", "Jumlah Pelaksana"],
  ["serviceGuarantee", "Jaminan Pelayanan"],
  ["safetyGuarantee", "Jaminan Keamanan dan Keselamatan Pelayanan"],
  ["evaluation", "Evaluasi Kinerja Pelaksana"],
];

const MONTHS = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];

/** "6 November 2023". */
export function tanggal(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

/** The PDF bytes; `at` fixes the metadata dates so the same standard gives the same bytes. */
export async function renderStandardPdf(d: DerivedStandard, meta: { at: Date; draft: boolean }): Promise<Uint8Array> {
  const s = d.standard;
  const w = await PdfWriter.create({ title: `Standar Pelayanan: ${s.name}`, at: meta.at, creator: "Alur" });
  // Kop surat
  if (d.issuer.government) w.text(d.issuer.government, { size: 13, bold: true, align: "center", lineHeight: 16 });
  w.text(d.issuer.office.toUpperCase(), { size: 15, bold: true, align: "center", lineHeight: 18 });
  w.space(4);
  w.rule(8, 2);
  w.rule(5, 0.5);
  w.space(16);
  if (meta.draft) w.text("DRAF — BELUM DITERBITKAN", { bold: true, align: "center" });
  w.title("STANDAR PELAYANAN");
  w.text(s.name, { size: 12, bold: true, align: "center", lineHeight: 16 });
  const validity = [
    d.validFrom && `Berlaku sejak ${tanggal(d.validFrom)}`,
    d.validUntil && `sampai ${tanggal(d.validUntil)}`,
  ]
    .filter(Boolean)
    .join(" ");
  w.text([`Kode layanan: ${s.code}`, validity].filter(Boolean).join(" · "), { size: 10, align: "center" });
  w.space(12);

  COMPONENTS.forEach(([key, title], index) => {
    w.ensureRoom(40);
    w.text(`${index + 1}. ${title}`, { bold: true });
    componentLines(d, key).forEach((line) => {
      w.text(line.text, { indent: line.indent, marker: line.marker, size: 10, lineHeight: 13 });
    });
    w.space(8);
  });

  w.ensureRoom(60);
  w.text("Maklumat Pelayanan", { bold: true });
  w.text(s.pledge ?? "—", { indent: 16, size: 10, lineHeight: 13 });
  w.space(24);

  // Signature block, right-aligned column
  w.ensureRoom(130);
  const column = w.page.getWidth() / 2 + 20;
  const sign = (text: string, bold = false) => {
    w.page.drawText(w.encodable(text, bold), { x: column, y: w.y, size: 10, font: bold ? w.bold : w.font });
    w.y -= 14;
  };
  sign(`Ditetapkan${d.validFrom ? ` tanggal ${tanggal(d.validFrom)}` : ""}`);
  sign(d.issuer.signatory.toUpperCase(), true);
  w.y -= 56;
  sign("(.................................................)");
  sign("NIP. ");

  if (d.diagram) drawFlowchart(w, d);
  return w.save();
}

interface Line {
  text: string;
  indent: number;
  marker?: string;
}

function componentLines(d: DerivedStandard, key: keyof ServiceStandard): Line[] {
  const s = d.standard;
  const list = (items: string[]): Line[] =>
    items.length === 0
      ? [{ text: "—", indent: 16 }]
      : items.map((text, i) => ({ text, indent: 32, marker: `${i + 1}.` }));
  switch (key) {
    case "legalBasis":
      return list(
        s.legalBasis.map((b) =>
          [
            b.kind,
            b.number && `Nomor ${b.number}`,
            b.year && `Tahun ${b.year}`,
            `tentang ${b.title}`,
            b.date && `(ditetapkan ${longDate(b.date)})`,
          ]
            .filter(Boolean)
            .join(" "),
        ),
      );
    case "requirements":
      return list(s.requirements.map((r) => `${r.name}${r.mandatory ? "" : " (jika ada)"}${fileWords(r)}`));
    case "procedure":
      return d.procedure.flatMap((step): Line[] => [
        { text: step.text, indent: 32, marker: `${step.order}.` },
        ...step.branches.map((b) => ({ text: b.text, indent: 48, marker: "-" })),
      ]);
    case "completionTime": {
      const c = s.completionTime;
      const lines: Line[] = [];
      if (c) {
        lines.push({
          text:
            c.text ??
            `${c.value}${c.maxValue !== undefined ? ` – ${c.maxValue}` : ""} ${durationWords({ value: 1, unit: c.unit }).replace(/^1 /, "")}`,
          indent: 16,
        });
      } else lines.push({ text: "—", indent: 16 });
      if (d.slaPath.workingMinutes > 0) {
        lines.push({ text: `Jumlah waktu langkah pada jalur terpanjang: ${d.slaPath.text}.`, indent: 16 });
      }
      const pauses = d.procedure.filter((p) => p.pausesClock).map((p) => p.order);
      if (pauses.length > 0) {
        lines.push({
          text: `Waktu layanan tidak dihitung selama langkah ${pauses.join(", ")} (menunggu pihak di luar kantor).`,
          indent: 16,
        });
      }
      return lines;
    }
    case "fee":
      return [
        {
          text: s.fee
            ? (s.fee.text ?? (s.fee.amount === 0 ? "Tidak dipungut biaya (Rp 0)" : `Rp ${s.fee.amount}`))
            : "—",
          indent: 16,
        },
        ...(s.fee?.basis ? [{ text: `Dasar tarif: ${s.fee.basis}`, indent: 16 }] : []),
      ];
    case "products":
      return list(s.products.map((p) => (p.text ? `${p.name}: ${p.text}` : p.name)));
    case "complaints": {
      const c = s.complaints;
      if (!c) return [{ text: "—", indent: 16 }];
      return [
        ...(c.text ? [{ text: c.text, indent: 16 }] : []),
        ...(c.responseTime ? [{ text: `Tanggapan paling lambat ${durationWords(c.responseTime)}.`, indent: 16 }] : []),
        ...c.channels.map((ch) => ({ text: ch.value ? `${ch.kind}: ${ch.value}` : ch.kind, indent: 32, marker: "-" })),
      ];
    }
    default: {
      const value = s[key];
      return [{ text: typeof value === "string" ? value : "—", indent: 16 }];
    }
  }
}

/** The model's diagram scaled to a landscape page; step numbers match the procedure. */
function drawFlowchart(w: PdfWriter, d: DerivedStandard) {
  const diagram = d.diagram;
  if (!diagram) return;
  w.newPage("landscape");
  w.text("Bagan Alir Prosedur", { bold: true, size: 13 });
  w.text(`${d.standard.name} — nomor pada bagan adalah nomor langkah prosedur.`, { size: 9 });
  w.space(8);
  const top = w.y;
  const availableWidth = w.width;
  const availableHeight = top - w.margin;
  const scale = Math.min(availableWidth / diagram.width, availableHeight / diagram.height, 1);
  const X = (x: number) => w.margin + x * scale;
  const Y = (y: number) => top - y * scale;
  const ink = rgb(0.15, 0.15, 0.15);
  const pause = rgb(0.85, 0.45, 0.1);
  for (const edge of diagram.edges) {
    for (let i = 1; i < edge.points.length; i++) {
      const a = edge.points[i - 1] as { x: number; y: number };
      const b = edge.points[i] as { x: number; y: number };
      w.page.drawLine({ start: { x: X(a.x), y: Y(a.y) }, end: { x: X(b.x), y: Y(b.y) }, thickness: 0.6, color: ink });
    }
    const last = edge.points[edge.points.length - 1] as { x: number; y: number };
    w.page.drawCircle({ x: X(last.x), y: Y(last.y), size: 1.4, color: ink });
    const bend = edge.points[1] as { x: number; y: number };
    if (edge.label) {
      w.page.drawText(w.encodable(edge.label), {
        x: X(bend.x) + 2,
        y: Y(bend.y) + 2,
        size: 5,
        font: w.font,
        color: ink,
      });
    }
  }
  const labelSize = Math.max(4, Math.min(8, 9 * scale * 1.6));
  for (const shape of diagram.shapes) {
    const x = X(shape.x);
    const y = Y(shape.y + shape.height);
    const width = shape.width * scale;
    const height = shape.height * scale;
    const border = shape.pausesClock ? pause : ink;
    if (shape.kind === "event") {
      w.page.drawEllipse({
        x: x + width / 2,
        y: y + height / 2,
        xScale: width / 2,
        yScale: height / 2,
        borderColor: border,
        borderWidth: 0.8,
        color: rgb(1, 1, 1),
      });
    } else if (shape.kind === "gateway") {
      const cx = x + width / 2;
      const cy = y + height / 2;
      w.page.drawSvgPath(`M 0 ${-height / 2} L ${width / 2} 0 L 0 ${height / 2} L ${-width / 2} 0 Z`, {
        x: cx,
        y: cy,
        borderColor: border,
        borderWidth: 0.8,
        color: rgb(1, 1, 1),
      });
    } else {
      w.page.drawRectangle({
        x,
        y,
        width,
        height,
        borderColor: border,
        borderWidth: shape.pausesClock ? 1.4 : 0.8,
        color: rgb(1, 1, 1),
      });
    }
    if (shape.step !== undefined) {
      const number = String(shape.step);
      w.page.drawText(number, { x: x + 2, y: y + height - 8, size: 7, font: w.bold, color: ink });
    }
    if (shape.label && shape.kind !== "gateway" && shape.kind !== "event") {
      const lines = wrap(w.encodable(shape.label), w.font, labelSize, width - 4);
      const shown = lines.slice(0, Math.max(1, Math.floor((height - 8) / (labelSize + 1))));
      shown.forEach((line, i) => {
        w.page.drawText(line, {
          x: x + 2,
          y: y + height - 9 - (i + 1) * (labelSize + 1),
          size: labelSize,
          font: w.font,
          color: ink,
        });
      });
    }
  }
  w.y = w.margin;
}

const DEFAULT_FILE_TYPES = Requirement.shape.fileTypes.parse(undefined).join(",");

/** " (berkas PDF; paling besar 2 MB)" when a requirement says more than the defaults. */
function fileWords(r: ServiceStandard["requirements"][number]): string {
  const parts = [
    r.fileTypes.join(",") !== DEFAULT_FILE_TYPES && `berkas ${r.fileTypes.map((t) => t.toUpperCase()).join(", ")}`,
    r.maxSizeMb !== undefined && `paling besar ${String(r.maxSizeMb).replace(".", ",")} MB`,
  ].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** "2024-03-01" → "1 Maret 2024". */
function longDate(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString("id-ID", { dateStyle: "long", timeZone: "UTC" });
}
