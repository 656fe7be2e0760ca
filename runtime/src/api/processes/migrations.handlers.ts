/**
 * Migrating running cases to another published version of their process. The workflow of each
 * case decides (engine/migration.ts, through the `migrationCheck` query and the `migrate`
 * update's validator): the API only picks the cases and the two versions, and reports.
 */
import type { MigrationCaseResult, MigrationReport, MigrationRequest } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import { canSuperviseCase } from "../../auth/policy";
import { caseNumbersOf, runningCasesOn } from "../../store/cases";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { checkCase as check, migrateInput, migrationVersions, moveCase } from "./migrate-case";
import type * as routes from "./migrations.routes";

/** The most cases one request checks or moves. */
const MAX_CASES = 1000;
/** Cases checked or moved at once. */
const CONCURRENCY = 4;

/** The two versions, the cases the caller may supervise, and the update's input. */
async function prepare(c: AppContext, processId: string, body: MigrationRequest) {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  const scope = body.district ?? p.district ?? null;
  // the district's own versions, else the national template's its cases run
  const { from, to, problems } = await migrationVersions(db, processId, scope, body.fromVersion, body.toVersion);
  const district = scope;
  // a version of another district is no business of the caller: authorized like its cases
  await authorize(c, p.isSuperAdmin || (district !== null && canSuperviseCase(p, district)), "process.migrate", {
    type: "process",
    id: processId,
    district,
  });
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
  const input = migrateInput(from, to, body.mapping, { userId: p.userId, displayName: p.displayName });
  return { cases, absent, input };
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
    return moveCase(client, row, input, checked, (error) =>
      deps.logger.error({ err: error, caseId: row.id }, "migrate update failed"),
    );
  });
  const all = [...items, ...absent.map((a) => ({ ...a, migrated: false }))];
  return c.json({ ...report(processId, body, all), migrated: items.filter((i) => i.migrated).length }, 200);
};
