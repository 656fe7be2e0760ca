/** Batch operations over a case-list filter: one batch with its progress, and its per-case results. */
import { type BatchItemStatus, BatchItemsPage, BatchView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export const batchKeys = {
  all: ["batches"] as const,
  detail: (id: string) => ["batches", id] as const,
  items: (id: string, params: { status?: BatchItemStatus; after?: number }, progress: number) =>
    ["batches", id, "items", params, progress] as const,
};

/** Asked again every 1.5 s while the batch works (or is paused: someone else may resume it). */
export const batchQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.detail(id),
    queryFn: ({ signal }) => request(BatchView, paths.batch(id), { signal }),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === "done" || q.state.data.status === "cancelled") ? false : 1500,
  });

/** `progress` (items done so far) is part of the key: the page is asked again as the batch moves on. */
export const batchItemsQuery = (id: string, params: { status?: BatchItemStatus; after?: number }, progress: number) =>
  queryOptions({
    queryKey: batchKeys.items(id, params, progress),
    queryFn: ({ signal }) =>
      request(BatchItemsPage, `${paths.batchItems(id)}${query({ ...params, limit: 50 })}`, { signal }),
    placeholderData: (previous) => previous,
  });
