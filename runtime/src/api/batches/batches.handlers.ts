/**
 * Batch operations over a case-list filter. Creating one resolves the filter, within the
 * requester's district and the cases the operation takes, to a frozen item list; the runner
 * (batch-runner.ts) works it off in the background. Reading, pausing, resuming and cancelling a
 * batch take the operation's own rule for its district.
 */
import { randomUUID } from "node:crypto";
import {
  BATCH_MAX_ITEMS,
  type BatchControlRequest,
  type BatchOperation,
  type BatchView,
  type CaseFilter,
  CaseFilter as CaseFilterSchema,
} from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Principal } from "../../auth/principal";
import {
  type BatchRow,
  batchCounts,
  getBatch,
  insertBatch,
  listBatches,
  listBatchItems,
  setBatchStatus,
} from "../../store/batches";
import { queryCaseList } from "../../store/case-list";
import { audit } from "../audit-trail";
import { readerOf, storeFilter } from "../case-list/case-list.handlers";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import { migrationVersions } from "../processes/migrate-case";
import { eligibleStatuses, mayRunBatch } from "./batch-runner";
import type * as routes from "./batches.routes";

/** Rows per store query while a batch's filter is resolved. */
const SELECT_PAGE = 1_000;

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

function requesterOf(p: Principal): BatchRow["requester"] {
  return {
    userId: p.userId,
    displayName: p.displayName,
    district: p.district,
    roles: p.roles,
    isSuperAdmin: p.isSuperAdmin,
    isDistrictAdmin: p.isDistrictAdmin,
    isHead: p.isHead,
  };
}

function viewOf(row: BatchRow, counts: Record<string, number>): BatchView {
  const done = (counts.succeeded ?? 0) + (counts.failed ?? 0) + (counts.skipped ?? 0);
  const end = row.finished_at ? new Date(row.finished_at).getTime() : Date.now();
  const seconds = (end - new Date(row.created_at).getTime()) / 1000;
  const migration = row.migration as { toVersion?: number; mapping?: Record<string, string> } | null;
  return {
    id: row.id,
    operation: row.operation,
    status: row.status,
    district: row.district,
    filter: CaseFilterSchema.parse(row.filter),
    migration: migration?.toVersion ? { toVersion: migration.toVersion, mapping: migration.mapping } : null,
    reason: row.reason,
    requestedBy: { userId: row.requested_by, displayName: row.requester.displayName },
    total: row.total,
    counts: {
      pending: counts.pending ?? 0,
      running: counts.running ?? 0,
      succeeded: counts.succeeded ?? 0,
      failed: counts.failed ?? 0,
      skipped: counts.skipped ?? 0,
    },
    createdAt: iso(row.created_at) as string,
    finishedAt: iso(row.finished_at),
    throughput: seconds > 0 && done > 0 ? Math.round((done / seconds) * 100) / 100 : null,
  };
}

async function viewsOf(c: AppContext, rows: BatchRow[]): Promise<BatchView[]> {
  const counts = await batchCounts(
    c.get("deps").db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => viewOf(r, counts.get(r.id) ?? {}));
}

/** The district a batch of `p` works in: theirs, or for the super admin the filter's (null: all). */
async function scopeOf(c: AppContext, p: Principal, filter: CaseFilter, operation: BatchOperation) {
  const district = p.isSuperAdmin ? (filter.district ?? null) : p.district;
  // another district's cases are no business of the requester, whatever the filter says (audited)
  const outside = !p.isSuperAdmin && filter.district !== undefined && filter.district !== p.district;
  await authorize(
    c,
    !outside && (district !== null || p.isSuperAdmin) && mayRunBatch(operation, p, district),
    "batch.create",
    {
      type: "district",
      id: filter.district ?? district,
      district: filter.district ?? district,
    },
  );
  return district;
}

/** The cases of the filter the operation takes, in the case list's order; at most BATCH_MAX_ITEMS + 1. */
async function selectCases(c: AppContext, p: Principal, filter: CaseFilter, operation: BatchOperation) {
  const { db } = c.get("deps");
  const eligible = new Set(eligibleStatuses(operation));
  const picked: { caseId: string; caseNumber: string; district: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryCaseList(
      db,
      readerOf(p),
      storeFilter(p, { ...filter, sort: "received", order: "asc" }, { limit: SELECT_PAGE, cursor }),
    );
    for (const r of page.rows) {
      if (!eligible.has(r.status) || !mayRunBatch(operation, p, r.district)) continue;
      picked.push({ caseId: r.id, caseNumber: r.case_number, district: r.district });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor && picked.length <= BATCH_MAX_ITEMS);
  return picked.slice(0, BATCH_MAX_ITEMS + 1);
}

export const create: RouteHandler<typeof routes.create, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const district = await scopeOf(c, p, body.filter, body.operation);
  let migration: Record<string, unknown> | null = null;
  if (body.operation === "migrate" && body.migration && body.filter.service && body.filter.version !== undefined) {
    const { from, to, problems } = await migrationVersions(
      db,
      body.filter.service,
      district,
      body.filter.version,
      body.migration.toVersion,
    );
    if (!from || !to || problems.length > 0) throw new ApiException(422, "migration-invalid", { problems });
    migration = {
      toVersion: to.version,
      fromVersionId: from.id,
      toVersionId: to.id,
      ...(body.migration.mapping ? { mapping: body.migration.mapping } : {}),
    };
  }
  const all = await selectCases(c, p, body.filter, body.operation);
  const truncated = all.length > BATCH_MAX_ITEMS;
  const items = all.slice(0, BATCH_MAX_ITEMS);
  if (body.preview) return c.json({ operation: body.operation, count: items.length, truncated }, 200);
  if (body.expectedCount !== undefined && body.expectedCount !== items.length) {
    throw new ApiException(409, "batch-count-changed", { count: items.length });
  }
  if (items.length === 0) throw new ApiException(422, "batch-empty");
  const reason = body.reason as string; // the schema requires it unless previewing
  const id = randomUUID();
  // The decision is audited with the batch it creates; each item is audited again when it runs.
  const row = await db.transaction().execute(async (tx) => {
    const created = await insertBatch(
      tx,
      {
        id,
        operation: body.operation,
        district,
        filter: body.filter,
        migration,
        reason,
        requested_by: p.userId,
        requester: requesterOf(p),
        ip: c.get("ip"),
      },
      items,
    );
    await audit(c, tx, {
      action: "batch.create",
      outcome: "ok",
      resourceType: "batch",
      resourceId: id,
      district,
      details: { operation: body.operation, reason, filter: body.filter, total: items.length, migration },
    });
    return created;
  });
  const [view] = await viewsOf(c, [row]);
  return c.json(view as BatchView, 201);
};

/** The batch, if the caller may see and steer it (its operation's rule for its district); refusals audited. */
async function visibleBatch(c: AppContext, batchId: string, action: string): Promise<BatchRow> {
  const p = requirePrincipal(c);
  const row = await getBatch(c.get("deps").db, batchId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, mayRunBatch(row.operation, p, row.district), action, {
    type: "batch",
    id: batchId,
    district: row.district,
  });
  return row;
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { limit } = c.req.valid("query");
  await authorize(c, p.isSuperAdmin || (p.district !== null && (p.isDistrictAdmin || p.isHead)), "batch.list", {
    type: "district",
    id: p.district,
    district: p.district,
  });
  const rows = await listBatches(c.get("deps").db, { ...(p.isSuperAdmin ? {} : { district: p.district }), limit });
  // a head sees the batches their rule lets them run (not the admin's incident retries)
  const visible = rows.filter((r) => mayRunBatch(r.operation, p, r.district));
  return c.json({ items: await viewsOf(c, visible) }, 200);
};

export const get: RouteHandler<typeof routes.get, AppEnv> = async (c) => {
  const { batchId } = c.req.valid("param");
  const row = await visibleBatch(c, batchId, "batch.read");
  const [view] = await viewsOf(c, [row]);
  return c.json(view as BatchView, 200);
};

export const items: RouteHandler<typeof routes.items, AppEnv> = async (c) => {
  const { batchId } = c.req.valid("param");
  const query = c.req.valid("query");
  await visibleBatch(c, batchId, "batch.read");
  const page = await listBatchItems(c.get("deps").db, batchId, query);
  return c.json(
    {
      items: page.rows.map((r) => ({
        seq: r.seq,
        caseId: r.case_id,
        caseNumber: r.case_number,
        status: r.status,
        error: r.error ?? null,
        updatedAt: iso(r.updated_at) as string,
      })),
      nextAfter: page.nextAfter,
    },
    200,
  );
};

function controlHandler(action: "pause" | "resume" | "cancel") {
  const handler: RouteHandler<typeof routes.pause, AppEnv> = async (c) => {
    const { batchId } = c.req.valid("param");
    const body: BatchControlRequest = (c.req.valid("json") as BatchControlRequest | undefined) ?? {};
    const row = await visibleBatch(c, batchId, `batch.${action}`);
    const { db } = c.get("deps");
    const [from, to, refusal] =
      action === "pause"
        ? ([["running"], "paused", "batch-not-running"] as const)
        : action === "resume"
          ? ([["paused"], "running", "batch-not-paused"] as const)
          : ([["running", "paused"], "cancelled", "batch-finished"] as const);
    const after = await db.transaction().execute(async (tx) => {
      const changed = await setBatchStatus(tx, batchId, [...from], to);
      if (!changed) return undefined;
      await audit(c, tx, {
        action: `batch.${action}`,
        outcome: "ok",
        resourceType: "batch",
        resourceId: batchId,
        district: row.district,
        before: { status: row.status },
        after: { status: to },
        details: body.reason ? { reason: body.reason } : {},
      });
      return changed;
    });
    if (!after) throw new ApiException(409, refusal, { status: (await getBatch(db, batchId))?.status ?? row.status });
    const [view] = await viewsOf(c, [after]);
    return c.json(view as BatchView, 200);
  };
  return handler;
}

export const pause = controlHandler("pause");
export const resume = controlHandler("resume");
export const cancel = controlHandler("cancel");
