/**
 * Delegating a task: whom it can go to, the roles' names, and the delegate action. The shapes are
 * the API contract's schemas (@alur/shared/api).
 */
import { DelegateCandidates, DelegateRequest, RoleView, TaskDetail } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { request } from "../../api/http";

export type { DelegateCandidate } from "@alur/shared/api";

const enc = encodeURIComponent;

export const delegateKeys = {
  candidates: (taskId: string) => ["tasks", "delegates", taskId] as const,
  roles: ["roles"] as const,
};

export const delegatesQuery = (taskId: string) =>
  queryOptions({
    queryKey: delegateKeys.candidates(taskId),
    queryFn: ({ signal }) => request(DelegateCandidates, `/api/tasks/${enc(taskId)}/delegates`, { signal }),
  });

export const rolesQuery = () =>
  queryOptions({
    queryKey: delegateKeys.roles,
    queryFn: ({ signal }) => request(z.object({ items: z.array(RoleView) }), "/api/roles", { signal }),
    staleTime: 10 * 60_000,
  });

export const delegateTask = (taskId: string, input: z.input<typeof DelegateRequest>) =>
  request(TaskDetail, `/api/tasks/${enc(taskId)}/delegate`, { method: "POST", body: DelegateRequest.parse(input) });
