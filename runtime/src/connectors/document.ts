/**
 * The `document` connector: renders the service's product (a recommendation letter, a record of
 * handover) as PDF from a template and case data, stores it under data/files by sha256 and makes
 * it a case document: listed with the uploads, a `documentGenerated` case event, and audited.
 * Headers: template (built-in id, default "generic"), title, body (inline template text, overrides
 * the built-in), fileName, resultVariable (document), header (letterhead line).
 */
import { appendAudit } from "../store/audit";
import { appendCaseEvent } from "../store/case-events";
import { addCaseDocument, documentIdFor } from "../store/cases";
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
  const dedupeKey = `${input.caseId}:${input.jobKey}:document`;
  const documentId = documentIdFor(dedupeKey);
  // one transaction: a retried job finds all three written or none
  await deps.db.transaction().execute(async (tx) => {
    await appendCaseEvent(tx, {
      caseId: input.caseId,
      type: "documentGenerated",
      elementId: input.elementId,
      data: { ...document, documentId },
      at: input.at,
      dedupeKey,
    });
    const added = await addCaseDocument(tx, {
      id: documentId,
      case_id: input.caseId,
      requirement_id: null,
      sha256,
      filename: fileName,
      content_type: document.contentType,
      size: document.size,
      uploaded_by: null,
    });
    if (!added) return;
    await appendAudit(tx, {
      actorId: null,
      ip: null,
      action: "case.document-generated",
      outcome: "ok",
      resourceType: "case",
      resourceId: input.caseId,
      district: input.district,
      after: { documentId, sha256, fileName, title, elementId: input.elementId },
    });
  });
  return { ok: true, output: { [headers.resultVariable ?? "document"]: document } };
};
