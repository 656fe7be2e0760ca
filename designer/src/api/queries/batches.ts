/** Batch operations over a case-list filter: one batch with its progress, and its per-case results. */
import { type BatchItemStatus, BatchItemsPage, BatchView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export const batchKeys = {
  all: ["batches"] as const,
  detail: (id: string) => ["batches", id] as const,
  items: (id: string, params: { status?: BatchItemStatus; after?: number }) =>
    ["batches", id, "items", params] as const,
};

/** Asked again every 1.5 s while the batch works (or is paused: someone else may resume it). */
export const batchQuery = (id: string) =>
  queryOptions({
    queryKey: batchKeys.detail(id),
    queryFn: ({ signal }) => request(BatchView, paths.batch(id), { signal }),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === "done" || q.state.data.status === "cancelled") ? false : 1500,
  });

export const batchItemsQuery = (id: string, params: { status?: BatchItemStatus; after?: number }, live: boolean) =>
  queryOptions({
    queryKey: batchKeys.items(id, params),
    queryFn: ({ signal }) =>
      request(BatchItemsPage, `${paths.batchItems(id)}${query({ ...params, limit: 50 })}`, { signal }),
    refetchInterval: live ? 3000 : false,
    placeholderData: (previous) => previous,
  });
