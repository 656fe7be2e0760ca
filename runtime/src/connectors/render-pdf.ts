/**
 * A4 PDFs with pdf-lib and its standard fonts (embedded in pdf-lib, so nothing is fetched); same
 * input and date → same bytes. `renderPdf` writes a titled text document (the document
 * connector); `PdfWriter` is the layout underneath, reused by the service-standard PDF.
 */
import { PDFDocument, type PDFFont, type PDFPage, StandardFonts } from "pdf-lib";

export const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BODY_SIZE = 11;
const LINE = 15;

export async function renderPdf(doc: {
  title: string;
  paragraphs: string[];
  header?: string;
  at: Date;
}): Promise<Uint8Array> {
  const w = await PdfWriter.create({ title: doc.title, at: doc.at, creator: "Alur document connector" });
  if (doc.header) {
    w.text(doc.header, { size: 10, bold: true, lineHeight: 13 });
    w.rule(4);
    w.space(LINE);
  }
  w.title(doc.title);
  for (const paragraph of doc.paragraphs) {
    w.text(paragraph);
    w.space(LINE / 2);
  }
  return w.save();
}

export interface TextOptions {
  size?: number;
  bold?: boolean;
  /** Left indent in points. */
  indent?: number;
  lineHeight?: number;
  align?: "left" | "center";
  /** Text drawn in the indent of the first line ("1.", "a."), for numbered lists. */
  marker?: string;
}

/** A top-down text layout over A4 pages: wrapped lines, rules, page breaks. */
export class PdfWriter {
  readonly font: PDFFont;
  readonly bold: PDFFont;
  page: PDFPage;
  y: number;
  readonly margin = MARGIN;

  private constructor(
    readonly pdf: PDFDocument,
    fonts: { font: PDFFont; bold: PDFFont },
  ) {
    this.font = fonts.font;
    this.bold = fonts.bold;
    this.page = pdf.addPage(A4);
    this.y = A4[1] - MARGIN;
  }

  static async create(meta: { title: string; at: Date; creator: string }): Promise<PdfWriter> {
    const pdf = await PDFDocument.create();
    // Fixed metadata so a retried activity produces the same bytes (and the same sha256).
    pdf.setCreationDate(meta.at);
    pdf.setModificationDate(meta.at);
    pdf.setProducer("Alur");
    pdf.setCreator(meta.creator);
    pdf.setTitle(meta.title);
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    return new PdfWriter(pdf, { font, bold });
  }

  get width(): number {
    return this.page.getWidth() - 2 * MARGIN;
  }

  /** Starts a new page (landscape for wide drawings). */
  newPage(orientation: "portrait" | "landscape" = "portrait"): void {
    this.page = this.pdf.addPage(orientation === "portrait" ? A4 : [A4[1], A4[0]]);
    this.y = this.page.getHeight() - MARGIN;
  }

  /** Breaks the page unless `height` points fit above the bottom margin. */
  ensureRoom(height: number): void {
    if (this.y - height < MARGIN) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  /** A centred 14-point bold title. */
  title(text: string, size = 14): void {
    this.text(text, { size, bold: true, align: "center", lineHeight: LINE });
    this.space(LINE);
  }

  /** Wrapped text; "\n" starts a new line. */
  text(text: string, options: TextOptions = {}): void {
    const size = options.size ?? BODY_SIZE;
    const font = options.bold ? this.bold : this.font;
    const lineHeight = options.lineHeight ?? LINE;
    const indent = options.indent ?? 0;
    let first = true;
    for (const raw of text.split("\n")) {
      for (const line of wrap(encodable(raw, font), font, size, this.width - indent)) {
        if (this.y < MARGIN + lineHeight) this.newPage();
        const lineWidth = font.widthOfTextAtSize(line, size);
        const x =
          options.align === "center" ? Math.max(MARGIN, (this.page.getWidth() - lineWidth) / 2) : MARGIN + indent;
        if (first && options.marker) {
          const marker = encodable(options.marker, font);
          this.page.drawText(marker, { x: x - font.widthOfTextAtSize(`${marker} `, size), y: this.y, size, font });
        }
        this.page.drawText(line, { x, y: this.y, size, font });
        this.y -= lineHeight;
        first = false;
      }
    }
  }

  /** A horizontal rule `offset` points above the current line. */
  rule(offset = 0, thickness = 1): void {
    this.page.drawLine({
      start: { x: MARGIN, y: this.y + offset },
      end: { x: this.page.getWidth() - MARGIN, y: this.y + offset },
      thickness,
    });
  }

  /** Text made safe for the standard fonts, for callers that draw directly. */
  encodable(text: string, bold = false): string {
    return encodable(text, bold ? this.bold : this.font);
  }

  save(): Promise<Uint8Array> {
    return this.pdf.save({ useObjectStreams: false });
  }
}

/** Standard fonts only encode WinAnsi; anything else becomes "?" instead of failing the job. */
function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = "";
  for (const ch of text.replace(/\t/g, " ")) out += supported.has(ch.codePointAt(0) ?? 0) ? ch : "?";
  return out;
}

/** Lines of `text` that fit `width`. */
export function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const words = text.split(/ +/);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(candidate, size) <= width || !current) current = candidate;
    else {
      lines.push(current);
      current = word;
    }
  }
  lines.push(current);
  return lines;
}
