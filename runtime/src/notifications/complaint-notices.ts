/**
 * Notices about complaints to the complaint team (role `pengelola-pengaduan` of the district): a
 * new complaint, one with 24 clock hours or less left, and one past its 3 × 24 hours, each once
 * (dedupe key), through the same outbox as task notices.
 */
import { COMPLAINT_DUE_SOON_HOURS, COMPLAINT_ROLE } from "@alur/shared/complaints";
import { complaintsToWarn } from "../store/complaints";
import type { Db } from "../store/db";
import { insertNotification } from "../store/notifications";

const HOUR_MS = 60 * 60 * 1000;

function wib(d: Date): string {
  return d.toLocaleString("id-ID", { timeZone: "Asia/Jakarta", dateStyle: "medium", timeStyle: "short" });
}

/** A complaint came in: the team is told. */
export async function noticeComplaintFiled(
  db: Db,
  c: {
    id: string;
    district: string;
    complaintNumber: string;
    caseId: string | null;
    dueAt: Date;
    serviceName: string | null;
  },
): Promise<void> {
  await insertNotification(db, {
    id: crypto.randomUUID(),
    kind: "task-assigned",
    // no case link: the team works complaints on their page and need not be a viewer of the case
    caseId: null,
    district: c.district,
    elementId: null,
    roles: [COMPLAINT_ROLE],
    title: `Pengaduan baru: ${c.complaintNumber}`,
    body: `${c.serviceName ?? "Pengaduan umum"} · tanggapi sebelum ${wib(c.dueAt)} WIB`,
    data: { complaintId: c.id, dueAt: c.dueAt.toISOString() },
    dedupeKey: `complaint:${c.id}:filed`,
  });
}

/** Warns the team of open complaints due within 24 h or past due, once per complaint and kind. */
export async function warnDueComplaints(db: Db, now: Date): Promise<{ dueSoon: number; overdue: number }> {
  const counts = { dueSoon: 0, overdue: 0 };
  const horizon = new Date(now.getTime() + COMPLAINT_DUE_SOON_HOURS * HOUR_MS);
  for (const c of await complaintsToWarn(db, { horizon, limit: 200 })) {
    const dueAt = new Date(c.due_at);
    const overdue = dueAt.getTime() < now.getTime();
    if (!overdue && c.warned_due_soon) continue;
    const kind = overdue ? "overdue" : "due-soon";
    await insertNotification(db, {
      id: crypto.randomUUID(),
      kind: overdue ? "task-overdue" : "task-due-soon",
      caseId: null,
      district: c.district,
      elementId: null,
      roles: [COMPLAINT_ROLE],
      title: overdue
        ? `Pengaduan melewati 3 × 24 jam: ${c.complaint_number}`
        : `Pengaduan segera jatuh tempo: ${c.complaint_number}`,
      body: `Batas tanggapan ${wib(dueAt)} WIB`,
      data: { complaintId: c.id, dueAt: dueAt.toISOString() },
      dedupeKey: `complaint:${c.id}:${kind}`,
    });
    if (overdue) counts.overdue++;
    else counts.dueSoon++;
  }
  return counts;
}
