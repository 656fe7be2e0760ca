/**
 * Migrating running cases to another published version of their process. The workflow of each
 * case decides (engine/migration.ts, through the `migrationCheck` query and the `migrate`
 * update's validator): the API only picks the cases and the two versions, and reports.
 */
import type { MigrationCaseResult, MigrationReport, MigrationRequest } from "@alur/shared/api";
import type { ExecutionPlan } from "@alur/shared/plan";
import type { RouteHandler } from "@hono/zod-openapi";
import { type Client, WorkflowNotFoundError, WorkflowUpdateFailedError } from "@temporalio/client";
import { canSuperviseCase } from "../../auth/policy";
import type { MigrationBlocker } from "../../engine/migration";
import { caseNumbersOf, runningCasesOn } from "../../store/cases";
import { versionByNumber } from "../../store/process-versions";
import { type MigrateCaseInput, migrateUpdate, migrationCheckQuery } from "../../temporal/definitions";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./migrations.routes";

/** The most cases one request checks or moves. */
const MAX_CASES = 1000;
/** Cases checked or moved at once. */
const CONCURRENCY = 4;

type CaseRef = { id: string; case_number: string; district: string; workflow_id: string };

/** The two versions, the cases the caller may supervise, and the update's input. */
async function prepare(c: AppContext, processId: string, body: MigrationRequest) {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const scope = body.district ?? p.district ?? null;
  // the district's own versions, else the national template's its cases run
  const find = async (version: number) =>
    (await versionByNumber(db, processId, scope, version)) ??
    (scope !== null ? await versionByNumber(db, processId, null, version) : undefined);
  const [from, to] = await Promise.all([find(body.fromVersion), find(body.toVersion)]);
  const district = scope;
  // a version of another district is no business of the caller: authorized like its cases
  await authorize(c, p.isSuperAdmin || (district !== null && canSuperviseCase(p, district)), "process.migrate", {
    type: "process",
    id: processId,
    district,
  });
  const problems = [
    !from && "fromVersion: not found",
    !to && "toVersion: not found",
    to && to.status !== "published" && "toVersion: not published",
    from && to && from.id === to.id && "toVersion: same as fromVersion",
    from && to && from.district !== to.district && "toVersion: of another district than fromVersion",
  ].filter((x): x is string => typeof x === "string");
  if (!from || !to || problems.length > 0) throw new ApiException(422, "migration-invalid", { problems });
  const rows = await runningCasesOn(db, {
    processVersionId: from.id,
    ...(body.caseIds ? { caseIds: body.caseIds } : {}),
    ...(body.district ? { district: body.district } : {}),
    limit: MAX_CASES,
  });
  const cases = rows.filter((r) => canSuperviseCase(p, r.district));
  // cases asked for by id that are not running on the source version (or not the caller's)
  const found = new Set(cases.map((r) => r.id));
  const missing = (body.caseIds ?? []).filter((id) => !found.has(id));
  const numbers = await caseNumbersOf(db, missing);
  const absent: MigrationCaseResult[] = missing.map((id) => ({
    caseId: id,
    caseNumber: numbers.get(id) ?? "—",
    canMove: false,
    blockers: [
      {
        code: "not-on-version",
        elementId: null,
        message: {
          id: `Permohonan tidak berjalan pada versi ${body.fromVersion} (atau bukan wewenang Anda).`,
          en: `The case is not running on version ${body.fromVersion} (or is not yours to supervise).`,
        },
      },
    ],
  }));
  const input: MigrateCaseInput = {
    plan: to.plan as ExecutionPlan,
    planHash: to.plan_hash,
    fromPlanHash: from.plan_hash,
    fromVersion: from.version,
    toVersion: to.version,
    mapping: body.mapping ?? {},
    actor: { userId: p.userId, displayName: p.displayName },
    processVersionId: to.id,
  };
  return { cases, absent, input };
}

const shown = (blockers: MigrationBlocker[]) =>
  blockers.map((b) => ({ code: b.code, elementId: b.elementId, message: { id: b.id, en: b.en } }));

async function check(client: Client, row: CaseRef, input: MigrateCaseInput): Promise<MigrationCaseResult> {
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

function notRunning() {
  return {
    code: "case-not-running",
    elementId: null,
    message: { id: "Permohonan tidak sedang berjalan.", en: "The case is not running." },
  };
}

/** Runs `work` over `items`, `CONCURRENCY` at a time, keeping their order. */
async function eachLimited<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(CONCURRENCY, items.length) }, async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i] as T);
  });
  await Promise.all(lanes);
  return results;
}

function report(processId: string, body: MigrationRequest, items: MigrationCaseResult[]): MigrationReport {
  const movable = items.filter((i) => i.canMove).length;
  return {
    processId,
    fromVersion: body.fromVersion,
    toVersion: body.toVersion,
    items,
    movable,
    blocked: items.length - movable,
  };
}

export const dryRun: RouteHandler<typeof routes.dryRun, AppEnv> = async (c) => {
  const { processId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { cases, absent, input } = await prepare(c, processId, body);
  const client = c.get("deps").temporal.client;
  const items = await eachLimited(cases, (row) => check(client, row, input));
  return c.json(report(processId, body, [...items, ...absent]), 200);
};

export const migrate: RouteHandler<typeof routes.migrate, AppEnv> = async (c) => {
  const { processId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { cases, absent, input } = await prepare(c, processId, body);
  const deps = c.get("deps");
  const client = deps.temporal.client;
  const items = await eachLimited(cases, async (row): Promise<MigrationCaseResult> => {
    const checked = await check(client, row, input);
    if (!checked.canMove) return { ...checked, migrated: false };
    // audited before it takes effect, per case
    await audit(c, deps.db, {
      action: "case.migrate",
      outcome: "ok",
      resourceType: "case",
      resourceId: row.id,
      district: row.district,
      before: { version: input.fromVersion },
      after: { version: input.toVersion },
      details: { processId, ...(Object.keys(input.mapping ?? {}).length > 0 ? { mapping: input.mapping } : {}) },
    });
    try {
      await client.workflow.getHandle(row.workflow_id).executeUpdate(migrateUpdate, {
        args: [input],
        // a retried request for the same move gets the first answer
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
      deps.logger.error({ err: error, caseId: row.id }, "migrate update failed");
      throw new ApiException(503, "workflow-unavailable", { retryable: true });
    }
  });
  const all = [...items, ...absent.map((a) => ({ ...a, migrated: false }))];
  return c.json({ ...report(processId, body, all), migrated: items.filter((i) => i.migrated).length }, 200);
};
