/** Creating a batch over a filter (or counting what it would take), and pausing, resuming or cancelling it. */
import { BatchPreview, BatchView, type CreateBatchRequest } from "@alur/shared/api";
import { request } from "../http";
import { paths } from "../paths";

/** How many cases the batch would take now; nothing is stored. */
export function previewBatch(body: Omit<CreateBatchRequest, "preview" | "expectedCount">) {
  return request(BatchPreview, paths.batches, { method: "POST", body: { ...body, preview: true } });
}

/** Creates the batch over the cases counted (`expectedCount`: 409 when the filter now matches another number). */
export function createBatch(body: Omit<CreateBatchRequest, "preview">) {
  return request(BatchView, paths.batches, { method: "POST", body });
}

export function controlBatch(id: string, action: "pause" | "resume" | "cancel") {
  return request(BatchView, paths.batchAction(id, action), { method: "POST", body: {} });
}
