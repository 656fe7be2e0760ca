/**
 * Batches and their items. A batch's items are frozen when it is created; the runner claims pending
 * items of running batches a chunk at a time (SKIP LOCKED, so API processes share the work), and an
 * item left `running` by a process that died is claimed again after STALE_SECONDS.
 */
import type { Insertable, Selectable } from "kysely";
import { sql } from "kysely";
import type { Db } from "./db";
import type { BatchesTable, BatchItemsTable } from "./schema";

export type BatchRow = Selectable<BatchesTable>;
export type BatchItemRow = Selectable<BatchItemsTable>;
export type BatchItemStatus = BatchItemRow["status"];
export type BatchItemError = NonNullable<BatchItemRow["error"]>;

/** An item still `running` this long after its claim is taken to belong to a dead process. */
const STALE_SECONDS = 120;
/** Rows per INSERT while a batch's items are written. */
const INSERT_CHUNK = 1_000;

/** Writes the batch and its items; pass a transaction (with the audit entry). */
export async function insertBatch(
  db: Db,
  batch: Omit<Insertable<BatchesTable>, "total" | "filter" | "migration" | "requester"> & {
    filter: Record<string, unknown>;
    migration: Record<string, unknown> | null;
    requester: BatchRow["requester"];
  },
  items: { caseId: string; caseNumber: string; district: string }[],
): Promise<BatchRow> {
  const row = await db
    .insertInto("batches")
    .values({
      ...batch,
      filter: JSON.stringify(batch.filter),
      migration: batch.migration ? JSON.stringify(batch.migration) : null,
      requester: JSON.stringify(batch.requester),
      total: items.length,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (let i = 0; i < items.length; i += INSERT_CHUNK) {
    await db
      .insertInto("batch_items")
      .values(
        items.slice(i, i + INSERT_CHUNK).map((it, j) => ({
          batch_id: batch.id,
          seq: i + j + 1,
          case_id: it.caseId,
          case_number: it.caseNumber,
          district: it.district,
        })),
      )
      .execute();
  }
  return row;
}

export async function getBatch(db: Db, id: string): Promise<BatchRow | undefined> {
  return db.selectFrom("batches").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Newest first; `district` undefined means every district (super admin). */
export async function listBatches(db: Db, query: { district?: string | null; limit: number }): Promise<BatchRow[]> {
  let q = db.selectFrom("batches").selectAll().orderBy("created_at", "desc").orderBy("id").limit(query.limit);
  if (query.district !== undefined) {
    q = query.district === null ? q.where("district", "is", null) : q.where("district", "=", query.district);
  }
  return q.execute();
}

export type BatchCountsRow = Record<BatchItemStatus, number>;

/** Items of each batch by status. */
export async function batchCounts(db: Db, batchIds: string[]): Promise<Map<string, BatchCountsRow>> {
  const counts = new Map<string, BatchCountsRow>();
  for (const id of batchIds) counts.set(id, { pending: 0, running: 0, succeeded: 0, failed: 0, skipped: 0 });
  if (batchIds.length === 0) return counts;
  const rows = await db
    .selectFrom("batch_items")
    .select(["batch_id", "status", sql<string>`count(*)`.as("n")])
    .where("batch_id", "in", batchIds)
    .groupBy(["batch_id", "status"])
    .execute();
  for (const r of rows) {
    const c = counts.get(r.batch_id);
    if (c) c[r.status] = Number(r.n);
  }
  return counts;
}

/** One page of a batch's items in order, optionally of one status. */
export async function listBatchItems(
  db: Db,
  batchId: string,
  query: { status?: BatchItemStatus; after?: number; limit: number },
): Promise<{ rows: BatchItemRow[]; nextAfter: number | null }> {
  let q = db.selectFrom("batch_items").selectAll().where("batch_id", "=", batchId);
  if (query.status) q = q.where("status", "=", query.status);
  if (query.after !== undefined) q = q.where("seq", ">", query.after);
  const rows = await q
    .orderBy("seq")
    .limit(query.limit + 1)
    .execute();
  const more = rows.length > query.limit;
  const page = more ? rows.slice(0, query.limit) : rows;
  return { rows: page, nextAfter: more ? (page.at(-1)?.seq ?? null) : null };
}

/**
 * Moves a batch from one of `from` to `to` (a cancelled batch's pending items are skipped); the row
 * after, or undefined when it was in none of them. Pass a transaction (with the audit entry).
 */
export async function setBatchStatus(
  db: Db,
  id: string,
  from: BatchRow["status"][],
  to: BatchRow["status"],
): Promise<BatchRow | undefined> {
  const row = await db
    .updateTable("batches")
    .set({ status: to, updated_at: new Date(), ...(to === "cancelled" ? { finished_at: new Date() } : {}) })
    .where("id", "=", id)
    .where("status", "in", from)
    .returningAll()
    .executeTakeFirst();
  if (row && to === "cancelled") {
    await db
      .updateTable("batch_items")
      .set({
        status: "skipped",
        updated_at: new Date(),
        error: JSON.stringify({
          code: "batch-cancelled",
          message: {
            id: "Tindakan massal dibatalkan sebelum permohonan ini diproses.",
            en: "The batch was cancelled before this case was processed.",
          },
        }),
      })
      .where("batch_id", "=", id)
      .where("status", "=", "pending")
      .execute();
  }
  return row;
}

/**
 * Claims up to `limit` items of running batches (oldest batch first, in item order): pending ones,
 * and running ones whose claim is stale. Each claim counts an attempt.
 */
export async function claimBatchItems(db: Db, limit: number): Promise<BatchItemRow[]> {
  const result = await sql<BatchItemRow>`
    UPDATE batch_items bi
       SET status = 'running', attempts = bi.attempts + 1, updated_at = now()
      FROM (SELECT i.batch_id, i.seq
              FROM batch_items i JOIN batches b ON b.id = i.batch_id
             WHERE b.status = 'running'
               AND (i.status = 'pending'
                    OR (i.status = 'running' AND i.updated_at < now() - make_interval(secs => ${STALE_SECONDS})))
             ORDER BY b.created_at, i.batch_id, i.seq
             LIMIT ${limit}
             FOR UPDATE OF i SKIP LOCKED) t
     WHERE bi.batch_id = t.batch_id AND bi.seq = t.seq
 RETURNING bi.*`.execute(db);
  return result.rows.sort((a, b) => (a.batch_id === b.batch_id ? a.seq - b.seq : a.batch_id < b.batch_id ? -1 : 1));
}

/** Marks the item's decision audited; false when an earlier attempt already did (no second entry). */
export async function markItemAudited(db: Db, batchId: string, seq: number): Promise<boolean> {
  const row = await db
    .updateTable("batch_items")
    .set({ audited: true })
    .where("batch_id", "=", batchId)
    .where("seq", "=", seq)
    .where("audited", "=", false)
    .returning("seq")
    .executeTakeFirst();
  return row !== undefined;
}

/** Records an item's outcome (`pending` puts it back for a later attempt). */
export async function finishBatchItem(
  db: Db,
  batchId: string,
  seq: number,
  status: BatchItemStatus,
  error: BatchItemError | null = null,
): Promise<void> {
  await db
    .updateTable("batch_items")
    .set({ status, error: error ? JSON.stringify(error) : null, updated_at: new Date() })
    .where("batch_id", "=", batchId)
    .where("seq", "=", seq)
    .execute();
}

/** Running batches with no item left to do become `done`; the rows that did. */
export async function finishDoneBatches(db: Db): Promise<BatchRow[]> {
  return db
    .updateTable("batches")
    .set({ status: "done", finished_at: new Date(), updated_at: new Date() })
    .where("status", "=", "running")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("batch_items")
            .select("seq")
            .whereRef("batch_items.batch_id", "=", "batches.id")
            .where("batch_items.status", "in", ["pending", "running"]),
        ),
      ),
    )
    .returningAll()
    .execute();
}

export async function getBatchRows(db: Db, ids: string[]): Promise<Map<string, BatchRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom("batches").selectAll().where("id", "in", ids).execute();
  return new Map(rows.map((r) => [r.id, r]));
}
