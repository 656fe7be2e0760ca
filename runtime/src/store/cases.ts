/** Cases and their documents. Status changes come from the workflow's activities. */
import type { Selectable } from "kysely";
import type { Db } from "./db";
import type { CaseDocumentsTable, CasesTable } from "./schema";

export type CaseRow = Selectable<CasesTable>;
export type CaseDocumentRow = Selectable<CaseDocumentsTable>;

export async function getCase(db: Db, caseId: string): Promise<CaseRow | undefined> {
  return db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirst();
}

export async function listCaseDocuments(db: Db, caseId: string): Promise<CaseDocumentRow[]> {
  return db.selectFrom("case_documents").selectAll().where("case_id", "=", caseId).orderBy("created_at").execute();
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

/** Open tasks of a case: its current steps. */
export async function openTasksOfCase(db: Db, caseId: string) {
  return db
    .selectFrom("tasks")
    .select(["id", "name", "element_id"])
    .where("case_id", "=", caseId)
    .where("status", "in", ["open", "claimed"])
    .orderBy("created_at")
    .execute();
}
