import {
  BatchControlRequest,
  BatchItemsPage,
  BatchItemsQuery,
  BatchList,
  BatchPreview,
  BatchView,
  CreateBatchRequest,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

const params = z.object({ batchId: z.string().max(100) });

export const create = createRoute({
  method: "post",
  path: "/batches",
  tags: ["batches"],
  summary: "Cancel, retry the incidents of, or migrate the cases of a case-list filter, with a reason",
  description:
    "The filter is that of GET /cases, within the requester's district (the super admin: `filter.district` or " +
    "every district). The cases it matches now and that can take the operation (running for cancel and migrate, " +
    "with an incident for retry-incidents) become the batch's items, frozen; `preview: true` only counts them. " +
    "`expectedCount` is the count the requester confirmed (409 batch-count-changed when it differs). Cancel and " +
    "migrate: super admin, the district's admin or head; retry-incidents: super admin or the district's admin. " +
    "Migrate takes the filter's `service` and `version` as the source and `migration.toVersion` as the target. " +
    "Items run in the background, a few at a time, each audited once with the reason and on its case's timeline.",
  security: SECURITY,
  request: { body: jsonBody(CreateBatchRequest) },
  responses: {
    200: jsonResponse(BatchPreview, "Preview: the count"),
    201: jsonResponse(BatchView, "Created"),
    ...errors(400, 401, 403, 409, 422),
  },
});

export const list = createRoute({
  method: "get",
  path: "/batches",
  tags: ["batches"],
  summary: "The batches of the caller's district, newest first (every district for the super admin)",
  security: SECURITY,
  request: { query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }) },
  responses: { 200: jsonResponse(BatchList, "Batches"), ...errors(400, 401, 403) },
});

export const get = createRoute({
  method: "get",
  path: "/batches/{batchId}",
  tags: ["batches"],
  summary: "A batch with its progress (items by status)",
  security: SECURITY,
  request: { params },
  responses: { 200: jsonResponse(BatchView, "The batch"), ...errors(401, 403, 404) },
});

export const items = createRoute({
  method: "get",
  path: "/batches/{batchId}/items",
  tags: ["batches"],
  summary: "A batch's per-case results, in order, paged by sequence number",
  security: SECURITY,
  request: { params, query: BatchItemsQuery },
  responses: { 200: jsonResponse(BatchItemsPage, "One page"), ...errors(400, 401, 403, 404) },
});

const control = (action: "pause" | "resume" | "cancel", summary: string) =>
  createRoute({
    method: "post",
    path: `/batches/{batchId}/${action}`,
    tags: ["batches"],
    summary,
    security: SECURITY,
    request: {
      params,
      body: { required: false, content: { "application/json": { schema: BatchControlRequest } } },
    },
    responses: { 200: jsonResponse(BatchView, "The batch now"), ...errors(400, 401, 403, 404, 409) },
  });

export const pause = control(
  "pause",
  "Pause a running batch: items under way finish, no further item starts (409 batch-not-running)",
);
export const resume = control("resume", "Resume a paused batch (409 batch-not-paused)");
export const cancel = control(
  "cancel",
  "Stop a running or paused batch for good: its pending items are skipped (409 batch-finished)",
);
