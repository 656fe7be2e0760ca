/**
 * Built-in document templates for the `document` connector. Text uses `{{variable}}` placeholders
 * filled from case variables; paragraphs are separated by blank lines.
 */
export interface DocumentTemplate {
  title: string;
  body: string;
}

export const DOCUMENT_TEMPLATES: Record<string, DocumentTemplate> = {
  "surat-rekomendasi": {
    title: "SURAT REKOMENDASI",
    body: [
      "Nomor: {{letterNumber}}",
      "Yang bertanda tangan di bawah ini, Kepala {{office}}, dengan ini memberikan rekomendasi kepada:",
      "Nama: {{applicant.name}}\nNIK: {{applicant.nik}}\nAlamat: {{applicant.address}}",
      "untuk keperluan {{purpose}}.",
      "Demikian surat rekomendasi ini dibuat untuk dipergunakan sebagaimana mestinya.",
      "{{place}}, {{date}}\nKepala {{office}}",
    ].join("\n\n"),
  },
  "berita-acara": {
    title: "BERITA ACARA SERAH TERIMA",
    body: [
      "Nomor: {{letterNumber}}",
      "Pada hari ini, {{date}}, telah diserahterimakan {{item}} kepada {{applicant.name}} (NIK {{applicant.nik}}).",
      "Demikian berita acara ini dibuat dengan sebenarnya.",
    ].join("\n\n"),
  },
  generic: { title: "{{title}}", body: "{{text}}" },
};
