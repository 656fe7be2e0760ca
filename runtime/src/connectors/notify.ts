/**
 * The `notify` connector: a notification to roles, stored for the app's notification centre with
 * its email/WhatsApp-SMS deliveries (sent later by notifications/delivery-sweeper). Headers: roles (comma list; required), title, message — both
 * with `{{variable}}` placeholders.
 */
import { randomUUID } from "node:crypto";
import { noticeApplicantRequest } from "../notifications/applicant-notices";
import { insertNotification } from "../store/notifications";
import { fillTemplate, templateFields } from "./template-text";
import { bpmnError, type Connector } from "./types";

export const notifyConnector: Connector = async (deps, input) => {
  const roles = (input.headers.roles ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) return bpmnError("notify-no-roles", "The notify task has no `roles` header");
  const breach = input.headers.reason === "slaBreached";
  const titleTemplate = input.headers.title ?? (breach ? "Batas waktu layanan terlampaui" : "Pemberitahuan");
  const bodyTemplate =
    input.headers.message ??
    (breach ? `Tugas ${input.elementId} pada kasus {{caseNumber}} melewati batas waktu (SLA).` : "");
  const title = fillTemplate(titleTemplate, input.variables);
  const body = fillTemplate(bodyTemplate, input.variables);
  const row = await insertNotification(deps.db, {
    id: randomUUID(),
    caseId: input.caseId,
    district: input.district,
    elementId: input.elementId,
    roles,
    title,
    body,
    // the variables the text names: readers who may not see one of them get it withheld
    data: { at: input.at, fields: [...templateFields(titleTemplate), ...templateFields(bodyTemplate)] },
    dedupeKey: `${input.caseId}:${input.jobKey}:notify`,
  });
  // a notice for the applicant (the counter is told above) also reaches an online applicant
  if (input.headers.audience === "applicant") {
    await noticeApplicantRequest(deps.db, { caseId: input.caseId, jobKey: input.jobKey, title, message: body });
  }
  return { ok: true, output: { notificationId: row.id } };
};
