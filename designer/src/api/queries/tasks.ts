/** The inbox and single tasks. */
import { DelegateCandidates, InboxPage, type InboxQuery, RoleList, TaskDetail } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export type InboxFilters = Partial<Omit<InboxQuery, "limit">> & { limit?: number };

export const taskKeys = {
  all: ["tasks"] as const,
  inbox: (filters: InboxFilters) => ["tasks", "inbox", filters] as const,
  detail: (id: string) => ["tasks", "detail", id] as const,
  delegates: (id: string) => ["tasks", "delegates", id] as const,
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

/** Colleagues the task can be handed to. */
export const delegatesQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.delegates(id),
    queryFn: ({ signal }) => request(DelegateCandidates, paths.taskAction(id, "delegates"), { signal }),
  });

/** The roles and their names (they rarely change). */
export const rolesQuery = () =>
  queryOptions({
    queryKey: ["roles"] as const,
    queryFn: ({ signal }) => request(RoleList, paths.roles, { signal }),
    staleTime: 10 * 60_000,
  });
