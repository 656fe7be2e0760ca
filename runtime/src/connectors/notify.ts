/**
 * The `notify` connector: a notification to roles, stored for the app (and sent through any
 * configured email/SMS channels). Headers: roles (comma list; required), title, message — both
 * with `{{variable}}` placeholders.
 */
import { randomUUID } from "node:crypto";
import { insertNotification } from "./notifications";
import { fillTemplate } from "./template-text";
import { bpmnError, type Connector } from "./types";

export const notifyConnector: Connector = async (deps, input) => {
  const roles = (input.headers.roles ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  if (roles.length === 0) return bpmnError("notify-no-roles", "The notify task has no `roles` header");
  const breach = input.headers.reason === "slaBreached";
  const title = fillTemplate(
    input.headers.title ?? (breach ? "Batas waktu layanan terlampaui" : "Pemberitahuan"),
    input.variables,
  );
  const body = fillTemplate(
    input.headers.message ??
      (breach ? `Tugas ${input.elementId} pada kasus {{caseNumber}} melewati batas waktu (SLA).` : ""),
    input.variables,
  );
  const row = await insertNotification(deps.db, {
    id: randomUUID(),
    caseId: input.caseId,
    district: input.district,
    elementId: input.elementId,
    roles,
    title,
    body,
    data: { at: input.at },
    dedupeKey: `${input.caseId}:${input.jobKey}:notify`,
  });
  for (const channel of deps.channels ?? []) {
    try {
      await channel.send({ district: input.district, roles, title, body });
    } catch (error) {
      deps.logger.warn({ err: error, channel: channel.name, notification: row.id }, "notification channel failed");
    }
  }
  return { ok: true, output: { notificationId: row.id } };
};
