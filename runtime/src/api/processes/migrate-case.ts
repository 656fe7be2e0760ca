/**
 * Moving one running case to another version: the check (the workflow's `migrationCheck` query)
 * and the move (its `migrate` update). The migration routes and a batch's items take this one path.
 */
import type { MigrationCaseResult } from "@alur/shared/api";
import type { ExecutionPlan } from "@alur/shared/plan";
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import type { MigrationBlocker } from "../../engine/migration";
import type { Db } from "../../store/db";
import { type ProcessVersionRow, versionByNumber } from "../../store/process-versions";
import { type MigrateCaseInput, migrateUpdate, migrationCheckQuery } from "../../temporal/definitions";
import { ApiException } from "../errors";

export type CaseRef = { id: string; case_number: string; district: string; workflow_id: string };

/** The two versions of a move within `scope` (the district's own, else the national template's), and what is wrong with them. */
export async function migrationVersions(
  db: Db,
  processId: string,
  scope: string | null,
  fromVersion: number,
  toVersion: number,
): Promise<{ from?: ProcessVersionRow; to?: ProcessVersionRow; problems: string[] }> {
  const find = async (version: number) =>
    (await versionByNumber(db, processId, scope, version)) ??
    (scope !== null ? await versionByNumber(db, processId, null, version) : undefined);
  const [from, to] = await Promise.all([find(fromVersion), find(toVersion)]);
  const problems = [
    !from && "fromVersion: not found",
    !to && "toVersion: not found",
    to && to.status !== "published" && "toVersion: not published",
    from && to && from.id === to.id && "toVersion: same as fromVersion",
    from && to && from.district !== to.district && "toVersion: of another district than fromVersion",
  ].filter((x): x is string => typeof x === "string");
  return { from, to, problems };
}

/** The `migrate` update's input for a move between the two versions. */
export function migrateInput(
  from: ProcessVersionRow,
  to: ProcessVersionRow,
  mapping: Record<string, string> | undefined,
  actor: { userId: string; displayName: string },
): MigrateCaseInput {
  return {
    plan: to.plan as ExecutionPlan,
    planHash: to.plan_hash,
    fromPlanHash: from.plan_hash,
    fromVersion: from.version,
    toVersion: to.version,
    mapping: mapping ?? {},
    actor,
    processVersionId: to.id,
  };
}

export const shown = (blockers: MigrationBlocker[]) =>
  blockers.map((b) => ({ code: b.code, elementId: b.elementId, message: { id: b.id, en: b.en } }));

export function notRunning() {
  return {
    code: "case-not-running",
    elementId: null,
    message: { id: "Permohonan tidak sedang berjalan.", en: "The case is not running." },
  };
}

/** Whether the case can move, and what blocks it; changes nothing. */
export async function checkCase(client: Client, row: CaseRef, input: MigrateCaseInput): Promise<MigrationCaseResult> {
  try {
    const blockers = await client.workflow.getHandle(row.workflow_id).query(migrationCheckQuery, input);
    return { caseId: row.id, caseNumber: row.case_number, canMove: blockers.length === 0, blockers: shown(blockers) };
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) {
      return { caseId: row.id, caseNumber: row.case_number, canMove: false, blockers: [notRunning()] };
    }
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
}

/**
 * Moves a case the check let through (the caller audits first). A repeated move of the same case
 * between the same plans gets the first answer (the update id).
 */
export async function moveCase(
  client: Client,
  row: CaseRef,
  input: MigrateCaseInput,
  checked: MigrationCaseResult,
  log: (error: unknown) => void,
): Promise<MigrationCaseResult & { migrated: boolean }> {
  try {
    await client.workflow.getHandle(row.workflow_id).executeUpdate(migrateUpdate, {
      args: [input],
      updateId: `migrate:${row.id}:${input.fromPlanHash}:${input.planHash}`,
    });
    return { ...checked, migrated: true };
  } catch (error) {
    // the case moved on between the check and the update (a timer, a completion)
    if (error instanceof WorkflowUpdateFailedError) {
      const details = (error.cause as { details?: { blockers?: MigrationBlocker[] }[] } | undefined)?.details?.[0];
      return { ...checked, canMove: false, blockers: shown(details?.blockers ?? []), migrated: false };
    }
    if (error instanceof WorkflowNotFoundError) {
      return { ...checked, canMove: false, blockers: [notRunning()], migrated: false };
    }
    log(error);
    throw new ApiException(503, "workflow-unavailable", { retryable: true });
  }
}
