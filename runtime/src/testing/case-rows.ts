/** The process-version and case rows a workflow's store writes refer to, for tests and benchmarks. */
import { randomUUID } from "node:crypto";
import type { ExecutionPlan } from "@alur/shared/plan";
import { insertCase as insertCaseRow } from "../store/cases";
import type { Db } from "../store/db";
import { ensurePlanVersion } from "../store/process-versions";
import { caseWorkflowId } from "../temporal/definitions";

/** Inserts a published process version (kept if it exists) and a case row; returns the case id. */
export async function insertCase(
  db: Db,
  options: { caseId?: string; district?: string; plan?: ExecutionPlan; processVersionId?: string } = {},
): Promise<string> {
  const caseId = options.caseId ?? randomUUID();
  const district = options.district ?? "3216";
  const plan = options.plan ?? ({ processId: "test" } as ExecutionPlan);
  const processVersionId = options.processVersionId ?? `pv-${caseId}`;
  await ensurePlanVersion(db, { id: processVersionId, plan, district, planHash: "test" });
  await insertCaseRow(db, {
    id: caseId,
    caseNumber: `T-${caseId}`,
    district,
    processVersionId,
    processId: plan.processId,
    workflowId: caseWorkflowId(caseId),
    applicant: {},
    dueAt: null,
    createdBy: null,
    startedAt: new Date(),
  });
  return caseId;
}
