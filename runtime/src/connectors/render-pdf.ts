/** Renders a titled text document as an A4 PDF with pdf-lib; same input and date → same bytes. */
import { PDFDocument, type PDFFont, StandardFonts } from "pdf-lib";

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const BODY_SIZE = 11;
const LINE = 15;

export async function renderPdf(doc: {
  title: string;
  paragraphs: string[];
  header?: string;
  at: Date;
}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  // Fixed metadata so a retried activity produces the same bytes (and the same sha256).
  pdf.setCreationDate(doc.at);
  pdf.setModificationDate(doc.at);
  pdf.setProducer("Alur");
  pdf.setCreator("Alur document connector");
  pdf.setTitle(doc.title);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const width = A4[0] - 2 * MARGIN;

  let page = pdf.addPage(A4);
  let y = A4[1] - MARGIN;
  const newLineRoom = () => {
    if (y < MARGIN + LINE) {
      page = pdf.addPage(A4);
      y = A4[1] - MARGIN;
    }
  };
  if (doc.header) {
    for (const line of wrap(encodable(doc.header, bold), bold, 10, width)) {
      page.drawText(line, { x: MARGIN, y, size: 10, font: bold });
      y -= 13;
    }
    page.drawLine({ start: { x: MARGIN, y: y + 4 }, end: { x: A4[0] - MARGIN, y: y + 4 }, thickness: 1 });
    y -= LINE;
  }
  const title = encodable(doc.title, bold);
  const titleWidth = bold.widthOfTextAtSize(title, 14);
  page.drawText(title, { x: Math.max(MARGIN, (A4[0] - titleWidth) / 2), y, size: 14, font: bold });
  y -= 2 * LINE;
  for (const paragraph of doc.paragraphs) {
    for (const raw of paragraph.split("\n")) {
      for (const line of wrap(encodable(raw, font), font, BODY_SIZE, width)) {
        newLineRoom();
        page.drawText(line, { x: MARGIN, y, size: BODY_SIZE, font });
        y -= LINE;
      }
    }
    y -= LINE / 2;
  }
  return pdf.save({ useObjectStreams: false });
}

/** Standard fonts only encode WinAnsi; anything else becomes "?" instead of failing the job. */
function encodable(text: string, font: PDFFont): string {
  const supported = new Set(font.getCharacterSet());
  let out = "";
  for (const ch of text.replace(/\t/g, " ")) out += supported.has(ch.codePointAt(0) ?? 0) ? ch : "?";
  return out;
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
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
