/** Cases and their documents. Status changes come from the workflow's activities. */
import { createHash } from "node:crypto";
import type { CasePrivacy } from "@alur/shared/schemas";
import { type Insertable, type Selectable, sql } from "kysely";
import { parsePrivacy } from "../auth/privacy";
import type { Db } from "./db";
import type { CaseDocumentsTable, CasesTable } from "./schema";

export type CaseRow = Selectable<CasesTable>;
export type CaseDocumentRow = Selectable<CaseDocumentsTable>;

export async function getCase(db: Db, caseId: string): Promise<CaseRow | undefined> {
  return db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirst();
}

/** The case's printed number, "—" for a case that is gone (a notice still reads). */
export async function caseNumberOf(db: Db, caseId: string): Promise<string> {
  const row = await db.selectFrom("cases").select("case_number").where("id", "=", caseId).executeTakeFirst();
  return row?.case_number ?? "—";
}

/** The personal-data rules of the case's process version (undefined: none, or unreadable). */
export async function getCasePrivacy(db: Db, processVersionId: string): Promise<CasePrivacy | undefined> {
  const row = await db
    .selectFrom("process_versions")
    .select(sql<unknown>`plan->'privacy'`.as("privacy"))
    .where("id", "=", processVersionId)
    .executeTakeFirst();
  return parsePrivacy(row?.privacy);
}

export async function listCaseDocuments(db: Db, caseId: string): Promise<CaseDocumentRow[]> {
  return db.selectFrom("case_documents").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();
}

/** A document of the case by its id or, for a 64-hex reference, by its sha256 (the oldest such). */
export async function findCaseDocument(db: Db, caseId: string, ref: string): Promise<CaseDocumentRow | undefined> {
  const bySha = /^[0-9a-f]{64}$/.test(ref);
  return db
    .selectFrom("case_documents")
    .selectAll()
    .where("case_id", "=", caseId)
    .where(bySha ? "sha256" : "id", "=", ref)
    .orderBy("created_at")
    .limit(1)
    .executeTakeFirst();
}

/** Adds a document unless one with its id exists (retried activities); true when it was added. */
export async function addCaseDocument(db: Db, row: Insertable<CaseDocumentsTable>): Promise<boolean> {
  const added = await db
    .insertInto("case_documents")
    .values(row)
    .onConflict((oc) => oc.column("id").doNothing())
    .returning("id")
    .executeTakeFirst();
  return added !== undefined;
}

/** A stable UUID-shaped id for `key`, so a retried job names the same document. */
export function documentIdFor(key: string): string {
  const hex = createHash("sha256").update(key).digest("hex");
  const variant = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Candidate roles, and assignees and candidate users, of every task the case has had (for the visibility check). */
export async function caseParticipants(db: Db, caseId: string): Promise<{ roles: string[]; assignees: string[] }> {
  const rows = await db
    .selectFrom("tasks")
    .select(["roles", "assignee", "candidate_users", "closed_by"])
    .where("case_id", "=", caseId)
    .execute();
  const roles = new Set<string>();
  const assignees = new Set<string>();
  for (const r of rows) {
    for (const role of r.roles) roles.add(role);
    if (r.assignee) assignees.add(r.assignee);
    for (const user of r.candidate_users) assignees.add(user);
    if (r.closed_by) assignees.add(r.closed_by);
  }
  return { roles: [...roles], assignees: [...assignees] };
}

/**
 * Every user task of a case, oldest first, with the display names of its assignee and of who
 * closed it (staff cannot look accounts up, the case page names them).
 */
export async function stepsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom("tasks as t")
    .leftJoin("users as a", "a.id", "t.assignee")
    .leftJoin("users as b", "b.id", "t.closed_by")
    .select([
      "t.id",
      "t.name",
      "t.element_id",
      "t.status",
      "t.assignee",
      "a.display_name as assignee_name",
      "t.due_at",
      "t.revision",
      "t.form_id",
      "t.result",
      "t.closed_at",
      "t.closed_by",
      "b.display_name as closed_by_name",
    ])
    .where("t.case_id", "=", caseId)
    .orderBy("t.created_at")
    .orderBy("t.id")
    .execute();
}

/**
 * The case due date before the service-standard clock first stopped (the engine records it with
 * the pause); undefined when the clock never stopped.
 */
export async function dueAtBeforePauses(db: Db, caseId: string): Promise<string | null | undefined> {
  const row = await db
    .selectFrom("case_events")
    .select("data")
    .where("case_id", "=", caseId)
    .where("type", "=", "clockPaused")
    .orderBy("id")
    .limit(1)
    .executeTakeFirst();
  if (!row) return undefined;
  const due = (row.data as { caseDueAt?: unknown }).caseDueAt;
  return typeof due === "string" ? due : null;
}

/** Workflow ids of a district's cases in the given statuses, except one case (a signal's thrower). */
export async function caseWorkflowsOf(
  db: Db,
  filter: { district: string; statuses: ("active" | "incident")[]; excludeCaseId?: string },
): Promise<{ id: string; workflowId: string }[]> {
  let q = db
    .selectFrom("cases")
    .select(["id", "workflow_id"])
    .where("district", "=", filter.district)
    .where("status", "in", filter.statuses);
  if (filter.excludeCaseId) q = q.where("id", "!=", filter.excludeCaseId);
  return (await q.execute()).map((r) => ({ id: r.id, workflowId: r.workflow_id }));
}

/** A case with what its task pages need of its version: number, service, applicant and plan. */
export async function caseWithPlan(db: Db, caseId: string) {
  return db
    .selectFrom("cases as c")
    .innerJoin("process_versions as v", "v.id", "c.process_version_id")
    .select(["c.case_number", "c.process_id", "c.applicant", "c.suspended_since", "v.plan"])
    .where("c.id", "=", caseId)
    .executeTakeFirstOrThrow();
}

/**
 * Running cases (active or incident, top cases) on a process version, oldest first: all of them (of
 * `district`, when given) or those of `caseIds`, up to `limit`.
 */
export async function runningCasesOn(
  db: Db,
  filter: { processVersionId: string; caseIds?: string[]; district?: string; limit: number },
): Promise<Pick<CaseRow, "id" | "case_number" | "district" | "workflow_id" | "status">[]> {
  let q = db
    .selectFrom("cases")
    .select(["id", "case_number", "district", "workflow_id", "status"])
    .where("process_version_id", "=", filter.processVersionId)
    .where("status", "in", ["active", "incident"]);
  if (filter.caseIds) q = q.where("id", "in", filter.caseIds);
  if (filter.district) q = q.where("district", "=", filter.district);
  return q.orderBy("started_at").orderBy("id").limit(filter.limit).execute();
}

/** The case numbers of `caseIds` (those that exist). */
export async function caseNumbersOf(db: Db, caseIds: string[]): Promise<Map<string, string>> {
  if (caseIds.length === 0) return new Map();
  const rows = await db.selectFrom("cases").select(["id", "case_number"]).where("id", "in", caseIds).execute();
  return new Map(rows.map((r) => [r.id, r.case_number]));
}

/**
 * A case moved to another version (the workflow's `migrate` update): the row names the version it
 * runs, its open tasks the elements they are at now. Repeating it changes nothing.
 */
export async function migrateCaseRows(
  db: Db,
  input: {
    caseId: string;
    processVersionId: string;
    tasks: { taskId: string; elementId: string; name: string | null }[];
  },
): Promise<void> {
  await db.transaction().execute(async (tx) => {
    await tx
      .updateTable("cases")
      .set({ process_version_id: input.processVersionId })
      .where("id", "=", input.caseId)
      .execute();
    for (const t of input.tasks) {
      await tx
        .updateTable("tasks")
        .set({ element_id: t.elementId, name: t.name })
        .where("id", "=", t.taskId)
        .where("case_id", "=", input.caseId)
        .execute();
    }
  });
}

/** What the workflow reports of its case: status, and the due date and end when they change. */
export async function setCaseStatus(
  db: Db,
  update: { caseId: string; status: CaseRow["status"]; dueAt?: string | null; endedAt?: string | null },
): Promise<void> {
  await db
    .updateTable("cases")
    .set({
      status: update.status,
      ...(update.dueAt !== undefined ? { due_at: update.dueAt } : {}),
      ...(update.endedAt !== undefined ? { ended_at: update.endedAt } : {}),
    })
    .where("id", "=", update.caseId)
    .execute();
}

/** Registers a new case (its workflow is started after the commit, or by the start sweep). */
export async function insertCase(
  db: Db,
  input: {
    id: string;
    caseNumber: string;
    district: string;
    processVersionId: string;
    processId: string;
    workflowId: string;
    applicant: Record<string, unknown>;
    dueAt: Date | string | null;
    createdBy: string | null;
    startedAt: Date | string;
    /** Hash of the applicant's tracking code; absent: the case cannot be tracked publicly. */
    trackingCodeHash?: string;
  },
): Promise<CaseRow> {
  return db
    .insertInto("cases")
    .values({
      id: input.id,
      case_number: input.caseNumber,
      district: input.district,
      process_version_id: input.processVersionId,
      process_id: input.processId,
      workflow_id: input.workflowId,
      status: "active",
      applicant: JSON.stringify(input.applicant),
      due_at: input.dueAt,
      created_by: input.createdBy,
      started_at: input.startedAt,
      tracking_code_hash: input.trackingCodeHash ?? null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
