/**
 * Notifications about tasks: a task opened for roles tells their holders, one assigned to a user
 * tells that user; a task due within one working day, and one past due, warns once each. Every
 * notice has a dedupe key, so activity retries and repeated sweeps write it once.
 */

import type { BusinessCalendar } from "@alur/shared/calendar";
import { workingTimeBetween } from "@alur/shared/calendar";
import { calendarFor } from "@alur/shared/calendar/districts";
import type { Logger } from "../logger";
import { caseNumberOf } from "../store/cases";
import type { Db } from "../store/db";
import { insertNotification, tasksToWarn } from "../store/notifications";
import type { TaskRow } from "../store/tasks";
import { type Sweeper, startSweeper } from "../sweeper";
import { warnDueComplaints } from "./complaint-notices";

type TaskLike = Pick<TaskRow, "id" | "case_id" | "district" | "element_id" | "name" | "roles" | "assignee" | "due_at">;

function addressee(task: TaskLike): { roles: string[]; userId: string | null } {
  return task.assignee ? { roles: [], userId: task.assignee } : { roles: task.roles, userId: null };
}

/** A new task: its assignee, or the holders of its roles, are told (once per task and assignee). */
export async function noticeTaskAssigned(db: Db, task: TaskLike): Promise<void> {
  const to = addressee(task);
  if (!to.userId && to.roles.length === 0) return;
  const name = task.name ?? task.element_id;
  await insertNotification(db, {
    id: crypto.randomUUID(),
    kind: "task-assigned",
    caseId: task.case_id,
    district: task.district,
    elementId: task.element_id,
    ...to,
    title: to.userId ? `Tugas untuk Anda: ${name}` : `Tugas baru: ${name}`,
    body: `Kasus ${await caseNumberOf(db, task.case_id)}`,
    data: { taskId: task.id },
    dedupeKey: `task:${task.id}:assigned:${to.userId ?? "roles"}`,
  });
}

/**
 * A task a supervisor handed over: its new assignee is told, once per reassignment (the revision
 * it made), so a task handed back to an earlier assignee tells them again.
 */
export async function noticeTaskReassigned(
  db: Db,
  task: TaskLike & Pick<TaskRow, "revision">,
  reason: string,
): Promise<void> {
  if (!task.assignee) return;
  const name = task.name ?? task.element_id;
  await insertNotification(db, {
    id: crypto.randomUUID(),
    kind: "task-assigned",
    caseId: task.case_id,
    district: task.district,
    elementId: task.element_id,
    roles: [],
    userId: task.assignee,
    title: `Tugas dialihkan kepada Anda: ${name}`,
    body: `Kasus ${await caseNumberOf(db, task.case_id)} · ${reason}`,
    data: { taskId: task.id },
    dedupeKey: `task:${task.id}:reassigned:${task.revision}`,
  });
}

const calendars = new Map<string, BusinessCalendar | null>();

/** The district's calendar for this year and next (national holidays when it has none). */
function calendarOf(district: string, year: number): BusinessCalendar {
  const key = `${district}:${year}`;
  if (!calendars.has(key)) {
    let calendar: BusinessCalendar | null;
    try {
      calendar = calendarFor(district, [year, year + 1]);
    } catch {
      calendar = null;
    }
    calendars.set(key, calendar);
  }
  return calendars.get(key) ?? calendarFor("00", [year, year + 1]);
}

/**
 * Warns about open tasks past due (`task-overdue`) or due within one working day of the
 * district's calendar (`task-due-soon`), once per task and kind; returns how many were written.
 */
export async function warnDueTasks(db: Db, now: Date): Promise<{ dueSoon: number; overdue: number }> {
  const counts = { dueSoon: 0, overdue: 0 };
  // 14 calendar days covers one working day across the longest holiday run (Lebaran leave)
  for (const task of await tasksToWarn(db, { now, horizonDays: 14, limit: 200 })) {
    const dueAt = new Date(task.due_at as Date);
    const overdue = dueAt.getTime() <= now.getTime();
    if (overdue ? task.warned_overdue : task.warned_due_soon) continue;
    if (!overdue) {
      const left = workingTimeBetween(calendarOf(task.district, now.getUTCFullYear()), now.getTime(), dueAt.getTime());
      if (left.workingDays > 1) continue;
    }
    const kind = overdue ? "task-overdue" : "task-due-soon";
    const name = task.name ?? task.element_id;
    await insertNotification(db, {
      id: crypto.randomUUID(),
      kind,
      caseId: task.case_id,
      district: task.district,
      elementId: task.element_id,
      ...addressee(task),
      title: overdue ? `Tugas melewati tenggat: ${name}` : `Tugas segera jatuh tempo: ${name}`,
      body: `Kasus ${task.case_number}, tenggat ${dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC`,
      data: { taskId: task.id, dueAt: dueAt.toISOString() },
      dedupeKey: `task:${task.id}:${kind}`,
    });
    if (overdue) counts.overdue++;
    else counts.dueSoon++;
  }
  return counts;
}

/** Runs warnDueTasks every `intervalMs` (one sweep at a time) until stopped. */
export function startDueWarningSweeper(deps: { db: Db; logger: Logger }, intervalMs = 60_000): Sweeper {
  const sweep = async () => {
    const now = new Date();
    return { tasks: await warnDueTasks(deps.db, now), complaints: await warnDueComplaints(deps.db, now) };
  };
  return startSweeper("due-date warning sweep", sweep, {
    intervalMs,
    logger: deps.logger,
  });
}
