/**
 * The batch runner, in every API process: claims a chunk of pending items of running batches from
 * the store and runs each through the same code as the single operation (cancel, incident retry,
 * migrate), LANES at a time, so a batch of 10,000 cases leaves the office's live work room. The
 * store is the batch's memory: a process that dies mid-chunk leaves its items `running`, and any
 * process claims them again later. Each item's decision is audited once (`audited`), before it
 * takes effect; a repeated attempt of an item whose operation already took effect counts it done.
 */

import type { BatchOperation } from "@alur/shared/api";
import { canAdminister, canSuperviseCase } from "../../auth/policy";
import { loadPrincipal } from "../../auth/principal";
import { appendAudit } from "../../store/audit";
import {
  type BatchItemError,
  type BatchItemRow,
  type BatchRow,
  claimBatchItems,
  finishBatchItem,
  finishDoneBatches,
  getBatchRows,
  markItemAudited,
} from "../../store/batches";
import { appendCaseEvent } from "../../store/case-events";
import { type CaseRow, getCase } from "../../store/cases";
import { getProcessVersion } from "../../store/process-versions";
import { type Sweeper, startSweeper } from "../../sweeper";
import { requestCancellation } from "../cases/case-operations.handlers";
import { openIncidents, retryCaseIncident } from "../cases/cases.handlers";
import type { AppDeps } from "../context";
import { ApiException, errorBody } from "../errors";
import { checkCase, migrateInput, moveCase } from "../processes/migrate-case";

type RunnerDeps = Pick<AppDeps, "db" | "temporal" | "logger">;

/** Items claimed at once. */
const CHUNK = 20;
/** Items in flight at once per API process. */
const LANES = 4;
/** A transient failure (Temporal unreachable) is tried this many times before the item fails. */
const MAX_ATTEMPTS = 5;

type Outcome = { status: "succeeded" | "failed" | "skipped" | "pending"; error?: BatchItemError };

const AUDIT_ACTION: Record<BatchOperation, string> = {
  cancel: "case.cancel",
  "retry-incidents": "case.retry-incident",
  migrate: "case.migrate",
};

/** Who may run `operation` on a case of `district` (the single operation's rule). */
export function mayRunBatch(operation: BatchOperation, who: BatchRow["requester"], district: string | null): boolean {
  if (operation === "retry-incidents") return canAdminister(who, district);
  return district === null ? who.isSuperAdmin : canSuperviseCase(who, district);
}

/** Which case statuses an operation takes. */
export function eligibleStatuses(operation: BatchOperation): string[] {
  return operation === "retry-incidents" ? ["incident"] : ["active", "incident"];
}

const skipped = (code: string, id: string, en: string): Outcome => ({
  status: "skipped",
  error: { code, message: { id, en } },
});

/** Audits the item's decision unless an earlier attempt did; true when this attempt wrote it. */
async function auditOnce(deps: RunnerDeps, batch: BatchRow, item: BatchItemRow, decision: Record<string, unknown>) {
  return deps.db.transaction().execute(async (tx) => {
    if (!(await markItemAudited(tx, item.batch_id, item.seq))) return false;
    await appendAudit(tx, {
      actorId: batch.requested_by,
      ip: batch.ip,
      action: AUDIT_ACTION[batch.operation],
      outcome: "ok",
      resourceType: "case",
      resourceId: item.case_id,
      district: item.district,
      ...decision,
      details: { reason: batch.reason, batchId: batch.id, ...((decision.details as object | undefined) ?? {}) },
    });
    return true;
  });
}

async function cancelItem(deps: RunnerDeps, batch: BatchRow, item: BatchItemRow, row: CaseRow): Promise<Outcome> {
  const running = row.status === "active" || row.status === "incident";
  if (!running) {
    // cancelled by an earlier attempt of this item (its audit written): done
    if (row.status === "cancelled" && item.audited) return { status: "succeeded" };
    return skipped("case-not-running", "Permohonan tidak sedang berjalan.", "The case is not running.");
  }
  await auditOnce(deps, batch, item, { before: { status: row.status } });
  const who = batch.requester;
  await requestCancellation(deps, row, who, batch.reason, { batchId: batch.id });
  return { status: "succeeded" };
}

async function retryItem(deps: RunnerDeps, batch: BatchRow, item: BatchItemRow, row: CaseRow): Promise<Outcome> {
  if (row.status !== "incident") {
    if (item.audited) return { status: "succeeded" };
    return skipped(
      "no-open-incident",
      "Permohonan ini tidak memiliki insiden terbuka.",
      "This case has no open incident.",
    );
  }
  const incidents = await openIncidents(deps, row);
  if (incidents === undefined) throw new ApiException(503, "workflow-unavailable", { retryable: true });
  if (incidents.length === 0) {
    return item.audited
      ? { status: "succeeded" }
      : skipped(
          "no-open-incident",
          "Permohonan ini tidak memiliki insiden terbuka.",
          "This case has no open incident.",
        );
  }
  await auditOnce(deps, batch, item, { after: { incidentIds: incidents.map((i) => i.id) } });
  for (const incident of incidents) {
    await retryCaseIncident(deps, row, incident.id, batch.requester, undefined, {
      reason: batch.reason,
      batchId: batch.id,
      authorName: batch.requester.displayName,
    });
  }
  return { status: "succeeded" };
}

type MigrationParams = { fromVersionId: string; toVersionId: string; mapping?: Record<string, string> };

async function migrateItem(
  deps: RunnerDeps,
  batch: BatchRow,
  item: BatchItemRow,
  row: CaseRow,
  versions: Map<string, Awaited<ReturnType<typeof getProcessVersion>>>,
): Promise<Outcome> {
  const params = batch.migration as unknown as MigrationParams;
  const load = async (id: string) => {
    if (!versions.has(id)) versions.set(id, await getProcessVersion(deps.db, id));
    return versions.get(id);
  };
  const [from, to] = [await load(params.fromVersionId), await load(params.toVersionId)];
  if (!from || !to) {
    return { status: "failed", error: errorBody("migration-invalid") };
  }
  if (row.process_version_id === to.id && item.audited) return { status: "succeeded" };
  const running = row.status === "active" || row.status === "incident";
  if (!running) return skipped("case-not-running", "Permohonan tidak sedang berjalan.", "The case is not running.");
  if (row.process_version_id !== from.id) {
    return skipped(
      "not-on-version",
      `Permohonan tidak berjalan pada versi ${from.version}.`,
      `The case is not running on version ${from.version}.`,
    );
  }
  const input = migrateInput(from, to, params.mapping, {
    userId: batch.requester.userId,
    displayName: batch.requester.displayName,
  });
  const checked = await checkCase(deps.temporal.client, row, input);
  const blocked = (blockers: { code: string; message: { id: string; en: string } }[]): Outcome => {
    const first = blockers[0];
    return {
      status: "failed",
      error: first
        ? { code: first.code, message: first.message }
        : {
            code: "migration-blocked",
            message: { id: "Permohonan tidak dapat dipindahkan.", en: "The case cannot move." },
          },
    };
  };
  if (!checked.canMove) return blocked(checked.blockers);
  await auditOnce(deps, batch, item, {
    before: { version: from.version },
    after: { version: to.version },
    details: { processId: row.process_id, ...(params.mapping ? { mapping: params.mapping } : {}) },
  });
  const moved = await moveCase(deps.temporal.client, row, input, checked, (error) =>
    deps.logger.error({ err: error, caseId: row.id }, "migrate update failed"),
  );
  if (!moved.migrated) return blocked(moved.blockers);
  // the workflow's own `caseMigrated` entry names the versions; this one names who and why
  await appendCaseEvent(deps.db, {
    caseId: row.id,
    type: "case.batch-migrated",
    actor: batch.requested_by,
    data: { reason: batch.reason, batchId: batch.id, authorName: batch.requester.displayName, toVersion: to.version },
    dedupeKey: `${row.id}:batch:${batch.id}`,
  });
  return { status: "succeeded" };
}

async function runItem(
  deps: RunnerDeps,
  batch: BatchRow,
  item: BatchItemRow,
  versions: Map<string, Awaited<ReturnType<typeof getProcessVersion>>>,
): Promise<Outcome> {
  const row = await getCase(deps.db, item.case_id);
  if (!row) return skipped("not-found", "Permohonan tidak ditemukan.", "The case was not found.");
  // the frozen list holds only the requester's cases; checked again, as each single operation is,
  // with the requester's account as it is now: disabled, or no longer holding the role, it stops
  const now = await loadPrincipal(deps.db, batch.requested_by);
  if (!now || !mayRunBatch(batch.operation, now, row.district)) {
    await appendAudit(deps.db, {
      actorId: batch.requested_by,
      ip: batch.ip,
      action: AUDIT_ACTION[batch.operation],
      outcome: "denied",
      resourceType: "case",
      resourceId: row.id,
      district: row.district,
      details: { batchId: batch.id },
    });
    return { status: "failed", error: errorBody("forbidden") };
  }
  try {
    switch (batch.operation) {
      case "cancel":
        return await cancelItem(deps, batch, item, row);
      case "retry-incidents":
        return await retryItem(deps, batch, item, row);
      case "migrate":
        return await migrateItem(deps, batch, item, row, versions);
    }
  } catch (error) {
    if (error instanceof ApiException) {
      const transient = error.status === 503 && item.attempts < MAX_ATTEMPTS;
      if (transient) return { status: "pending" };
      const body = errorBody(error.code);
      const details = error.details as { id?: unknown; en?: unknown } | undefined;
      // the workflow's own bilingual refusal (an unknown incident, a blocker) says more than the code
      const message =
        typeof details?.id === "string" && typeof details.en === "string"
          ? { id: details.id, en: details.en }
          : body.message;
      return { status: "failed", error: { code: body.code, message } };
    }
    throw error;
  }
}

/** Runs `work` over `items`, `lanes` at a time. */
async function eachLimited<T>(items: T[], lanes: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
    }),
  );
}

/**
 * Claims and runs chunks until none is left or `budgetMs` has passed; then closes the batches that
 * have nothing left. Returns how many items it ran.
 */
export async function runBatches(
  deps: RunnerDeps,
  options: { budgetMs?: number; chunk?: number; lanes?: number; maxChunks?: number } = {},
): Promise<number> {
  const deadline = Date.now() + (options.budgetMs ?? 2_000);
  const versions = new Map<string, Awaited<ReturnType<typeof getProcessVersion>>>();
  let ran = 0;
  for (let chunks = 0; Date.now() < deadline && chunks < (options.maxChunks ?? Number.POSITIVE_INFINITY); chunks++) {
    const claimed = await claimBatchItems(deps.db, options.chunk ?? CHUNK);
    if (claimed.length === 0) break;
    const batches = await getBatchRows(deps.db, [...new Set(claimed.map((i) => i.batch_id))]);
    await eachLimited(claimed, options.lanes ?? LANES, async (item) => {
      const batch = batches.get(item.batch_id);
      if (!batch) return;
      let outcome: Outcome;
      try {
        outcome = await runItem(deps, batch, item, versions);
      } catch (error) {
        // a database hiccup: the item stays `running` and is claimed again once stale
        deps.logger.error({ err: error, batchId: item.batch_id, seq: item.seq }, "batch item failed to run");
        return;
      }
      await finishBatchItem(deps.db, item.batch_id, item.seq, outcome.status, outcome.error ?? null);
      ran++;
    });
  }
  for (const done of await finishDoneBatches(deps.db)) {
    await appendAudit(deps.db, {
      actorId: done.requested_by,
      ip: done.ip,
      action: "batch.done",
      outcome: "ok",
      resourceType: "batch",
      resourceId: done.id,
      district: done.district,
      details: { operation: done.operation, total: done.total },
    });
  }
  return ran;
}

/** Runs runBatches every `intervalMs`, one run at a time, until stopped. */
export function startBatchRunner(deps: RunnerDeps, intervalMs = 250): Sweeper {
  return startSweeper("batch runner", () => runBatches(deps), { intervalMs, logger: deps.logger });
}
