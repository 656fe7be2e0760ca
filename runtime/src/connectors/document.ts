/**
 * The `document` connector: renders the service's product (a recommendation letter, a record of
 * handover) as PDF from a template and case data, stores it under data/files by sha256 and
 * attaches it to the case as a `documentGenerated` case event.
 * Headers: template (built-in id, default "generic"), title, body (inline template text, overrides
 * the built-in), fileName, resultVariable (document), header (letterhead line).
 */
import { appendCaseEvent } from "../store/case-events";
import { storeFile } from "../store/file-store";
import { DOCUMENT_TEMPLATES } from "./document-templates";
import { renderPdf } from "./render-pdf";
import { fillTemplate } from "./template-text";
import { bpmnError, type Connector } from "./types";

export const documentConnector: Connector = async (deps, input) => {
  const { headers, variables } = input;
  const templateId = headers.template ?? "generic";
  const template = DOCUMENT_TEMPLATES[templateId];
  if (!template && !headers.body) {
    return bpmnError("document-unknown-template", `Unknown document template "${templateId}"`);
  }
  const title = fillTemplate(headers.title ?? template?.title ?? "Dokumen", variables);
  const body = fillTemplate(headers.body ?? template?.body ?? "", variables);
  const at = new Date(input.at);
  const bytes = await renderPdf({
    title,
    header: headers.header ? fillTemplate(headers.header, variables) : undefined,
    paragraphs: body.split(/\n\s*\n/),
    at: Number.isNaN(at.getTime()) ? new Date(0) : at,
  });
  const sha256 = await storeFile(deps.filesDir, bytes);
  const fileName = fillTemplate(headers.fileName ?? `${templateId}.pdf`, variables).replace(/[^\w.-]+/g, "-");
  const document = { sha256, fileName, contentType: "application/pdf", size: bytes.byteLength, title };
  await appendCaseEvent(deps.db, {
    caseId: input.caseId,
    type: "documentGenerated",
    elementId: input.elementId,
    data: document,
    at: input.at,
    dedupeKey: `${input.caseId}:${input.jobKey}:document`,
  });
  return { ok: true, output: { [headers.resultVariable ?? "document"]: document } };
};
