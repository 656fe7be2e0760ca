/**
 * Batch operations over a case-list filter: the cases the filter matches when the batch is created
 * become its frozen item list, and each item is cancelled, has its incidents retried, or is moved to
 * another version, by the same code as the single operation, with the batch's reason.
 */
import { z } from "zod";
import { MigrationRequest } from "./case-operations";
import { CaseFilter } from "./cases";
import { Bilingual } from "./errors";

/** The most cases one batch takes. */
export const BATCH_MAX_ITEMS = 20_000;

export const BatchOperation = z.enum(["cancel", "retry-incidents", "migrate"]);
export type BatchOperation = z.infer<typeof BatchOperation>;

export const BatchStatus = z.enum(["running", "paused", "done", "cancelled"]);
export type BatchStatus = z.infer<typeof BatchStatus>;

export const BatchItemStatus = z.enum(["pending", "running", "succeeded", "failed", "skipped"]);
export type BatchItemStatus = z.infer<typeof BatchItemStatus>;

/** For `migrate`: the target version and element mapping (the source version is the filter's `version`). */
export const BatchMigration = MigrationRequest.pick({ toVersion: true, mapping: true });
export type BatchMigration = z.infer<typeof BatchMigration>;

export const CreateBatchRequest = z
  .object({
    operation: BatchOperation,
    filter: CaseFilter,
    /** On every case's timeline and in the audit log; required unless `preview`. */
    reason: z.string().trim().min(5).max(1000).optional(),
    migration: BatchMigration.optional(),
    /** Only count the cases the batch would take; nothing is stored. */
    preview: z.boolean().default(false),
    /** The count the requester confirmed; refused (409 batch-count-changed) when the filter now matches another. */
    expectedCount: z.number().int().min(0).max(BATCH_MAX_ITEMS).optional(),
  })
  .superRefine((b, ctx) => {
    if (!b.preview && b.reason === undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "required" });
    if (b.operation === "migrate") {
      if (!b.migration) ctx.addIssue({ code: "custom", path: ["migration"], message: "required for migrate" });
      if (!b.filter.service || b.filter.version === undefined) {
        ctx.addIssue({ code: "custom", path: ["filter"], message: "migrate needs a service and its version" });
      }
    } else if (b.migration) {
      ctx.addIssue({ code: "custom", path: ["migration"], message: "only for migrate" });
    }
  });
export type CreateBatchRequest = z.input<typeof CreateBatchRequest>;

export const BatchPreview = z.object({
  operation: BatchOperation,
  /** Cases the batch would take now (the filter, within the requester's districts, eligible for the operation). */
  count: z.number().int(),
  /** True when more cases match than one batch takes (the first BATCH_MAX_ITEMS are taken). */
  truncated: z.boolean(),
});
export type BatchPreview = z.infer<typeof BatchPreview>;

export const BatchCounts = z.object({
  pending: z.number().int(),
  running: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});
export type BatchCounts = z.infer<typeof BatchCounts>;

export const BatchView = z.object({
  id: z.string(),
  operation: BatchOperation,
  status: BatchStatus,
  district: z.string().nullable(),
  filter: CaseFilter,
  migration: BatchMigration.nullable(),
  reason: z.string(),
  requestedBy: z.object({ userId: z.string(), displayName: z.string() }),
  total: z.number().int(),
  counts: BatchCounts,
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Items done per second since creation (paused time included), for the progress page. */
  throughput: z.number().nullable(),
});
export type BatchView = z.infer<typeof BatchView>;

export const BatchList = z.object({ items: z.array(BatchView) });
export type BatchList = z.infer<typeof BatchList>;

export const BatchItem = z.object({
  seq: z.number().int(),
  caseId: z.string(),
  caseNumber: z.string(),
  status: BatchItemStatus,
  /** Why it failed or was skipped. */
  error: z.object({ code: z.string(), message: Bilingual }).nullable(),
  updatedAt: z.string(),
});
export type BatchItem = z.infer<typeof BatchItem>;

export const BatchItemsQuery = z.object({
  status: BatchItemStatus.optional(),
  /** Items after this sequence number. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type BatchItemsQuery = z.infer<typeof BatchItemsQuery>;

export const BatchItemsPage = z.object({ items: z.array(BatchItem), nextAfter: z.number().int().nullable() });
export type BatchItemsPage = z.infer<typeof BatchItemsPage>;

/** Pausing, resuming or cancelling a batch: why, in the audit log. */
export const BatchControlRequest = z.object({ reason: z.string().trim().min(5).max(1000).optional() });
export type BatchControlRequest = z.infer<typeof BatchControlRequest>;
