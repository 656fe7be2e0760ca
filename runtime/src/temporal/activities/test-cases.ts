/** Test support: the process-version and case rows a workflow's store writes refer to. */
import { randomUUID } from "node:crypto";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { Db } from "../../store/db";

/** Inserts a published process version (if given) and a case row; returns the case id. */
export async function insertCase(
  db: Db,
  options: { caseId?: string; district?: string; plan?: ExecutionPlan; processVersionId?: string } = {},
): Promise<string> {
  const caseId = options.caseId ?? randomUUID();
  const district = options.district ?? "3216";
  const versionId = options.processVersionId ?? `pv-${caseId}`;
  const plan = options.plan ?? { processId: "test" };
  await db
    .insertInto("process_versions")
    .values({
      id: versionId,
      process_id: (plan as { processId: string }).processId,
      district,
      version: 1,
      name: "test",
      status: "published",
      bpmn_xml: "<definitions/>",
      plan: JSON.stringify(plan),
      plan_hash: "test",
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto("cases")
    .values({
      id: caseId,
      case_number: `T-${caseId}`,
      district,
      process_version_id: versionId,
      process_id: (plan as { processId: string }).processId,
      workflow_id: `case-${caseId}`,
      status: "active",
      applicant: JSON.stringify({}),
    })
    .execute();
  return caseId;
}
