/**
 * The outbox of case workflows still to be started. A row is written with its case, deleted once
 * Temporal has the workflow; several API processes share the rows through a lease on
 * next_attempt_at (taken with SKIP LOCKED, so no two processes try the same case at once).
 */
import { sql } from "kysely";
import type { Db } from "./db";

export interface PendingStart {
  caseId: string;
  workflowId: string;
  input: unknown;
  attempts: number;
}

/** How long a taken row is left alone by other processes. */
const LEASE_SECONDS = 60;

/** Delay before the next attempt after `attempts` failures: 5 s doubling, at most 5 minutes. */
function retryDelaySeconds(attempts: number): number {
  return Math.min(300, 5 * 2 ** Math.max(0, attempts - 1));
}

export async function insertPendingStart(
  db: Db,
  row: { caseId: string; workflowId: string; input: unknown },
): Promise<void> {
  await db
    .insertInto("workflow_starts")
    .values({
      case_id: row.caseId,
      workflow_id: row.workflowId,
      input: JSON.stringify(row.input),
      // leased to the inserting process, which tries at once; the sweep takes over only if it fails
      next_attempt_at: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
    })
    .execute();
}

/** Takes the due rows (all, or one case's) under a lease and counts the attempt. */
export async function takeDueStarts(db: Db, options: { limit: number; caseId?: string }): Promise<PendingStart[]> {
  let due = db
    .selectFrom("workflow_starts")
    .select("case_id")
    .where("next_attempt_at", "<=", sql<Date>`now()`)
    .orderBy("next_attempt_at")
    .limit(options.limit)
    .forUpdate()
    .skipLocked();
  if (options.caseId) due = due.where("case_id", "=", options.caseId);
  const rows = await db
    .updateTable("workflow_starts")
    .set((eb) => ({
      attempts: eb("attempts", "+", 1),
      next_attempt_at: sql`now() + make_interval(secs => ${LEASE_SECONDS})`,
    }))
    .where("case_id", "in", due)
    .returning(["case_id", "workflow_id", "input", "attempts"])
    .execute();
  return rows.map((r) => ({ caseId: r.case_id, workflowId: r.workflow_id, input: r.input, attempts: r.attempts }));
}

/** The workflow exists: the row is done. */
export async function finishPendingStart(db: Db, caseId: string): Promise<void> {
  await db.deleteFrom("workflow_starts").where("case_id", "=", caseId).execute();
}

/** Records a failed attempt and when to try again. */
export async function failPendingStart(db: Db, caseId: string, attempts: number, error: string): Promise<void> {
  await db
    .updateTable("workflow_starts")
    .set({
      attempts,
      last_error: error.slice(0, 2000),
      next_attempt_at: sql`now() + make_interval(secs => ${retryDelaySeconds(attempts)})`,
    })
    .where("case_id", "=", caseId)
    .execute();
}

/** The pending start of a case, if its workflow has not been started yet. */
export async function pendingStartOf(
  db: Db,
  caseId: string,
): Promise<{ attempts: number; lastError: string | null; nextAttemptAt: Date } | undefined> {
  const row = await db
    .selectFrom("workflow_starts")
    .select(["attempts", "last_error", "next_attempt_at"])
    .where("case_id", "=", caseId)
    .executeTakeFirst();
  return row
    ? { attempts: row.attempts, lastError: row.last_error, nextAttemptAt: new Date(row.next_attempt_at) }
    : undefined;
}
