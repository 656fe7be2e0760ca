/** The inbox and single tasks. */
import { InboxPage, type InboxQuery, TaskDetail } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export type InboxFilters = Partial<Omit<InboxQuery, "limit">> & { limit?: number };

export const taskKeys = {
  all: ["tasks"] as const,
  inbox: (filters: InboxFilters) => ["tasks", "inbox", filters] as const,
  detail: (id: string) => ["tasks", "detail", id] as const,
};

export const inboxQuery = (filters: InboxFilters) =>
  queryOptions({
    queryKey: taskKeys.inbox(filters),
    queryFn: ({ signal }) => request(InboxPage, `${paths.tasks}${query({ ...filters })}`, { signal }),
    placeholderData: (previous) => previous,
  });

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => request(TaskDetail, paths.task(id), { signal }),
  });
