/** Cases (permohonan) and their timelines. */
import { CaseVariables, CaseView, EligibleUsers, Timeline } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { request } from "../http";
import { paths } from "../paths";

export const caseKeys = {
  all: ["cases"] as const,
  detail: (id: string) => ["cases", id] as const,
  timeline: (id: string) => ["cases", id, "timeline"] as const,
  variables: (id: string) => ["cases", id, "variables"] as const,
  eligible: (id: string, taskId: string) => ["cases", id, "tasks", taskId, "eligible-users"] as const,
};

/** Whether a case in this status can still move on by itself or by someone else's action. */
export const isRunning = (status: string | undefined) => status === "active" || status === "incident";

/** How often an open case page asks again: the engine moves a case on without the page knowing. */
const LIVE_INTERVAL_MS = 4_000;

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => request(CaseView, paths.case(id), { signal }),
    // a case in incident moves on as soon as someone retries it, perhaps elsewhere
    refetchInterval: (query) => (isRunning(query.state.data?.status) ? LIVE_INTERVAL_MS : false),
  });

/** The timeline; `live` keeps it fresh while its case is still running. */
export const caseTimelineQuery = (id: string, live = false) =>
  queryOptions({
    // `live` in the key: when the case ends, the final records are fetched once more
    queryKey: [...caseKeys.timeline(id), live] as const,
    queryFn: ({ signal }) => request(Timeline, paths.caseTimeline(id), { signal }),
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
  });

/** A running case's variables, for a supervisor's correction (fetched when the dialog opens). */
export const caseVariablesQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.variables(id),
    queryFn: ({ signal }) => request(CaseVariables, paths.caseVariables(id), { signal }),
    staleTime: 0,
  });

/** Whom a supervisor can hand an open task of the case to (fetched when the dialog opens). */
export const eligibleUsersQuery = (caseId: string, taskId: string) =>
  queryOptions({
    queryKey: caseKeys.eligible(caseId, taskId),
    queryFn: ({ signal }) => request(EligibleUsers, paths.caseTask(caseId, taskId, "eligible-users"), { signal }),
    staleTime: 0,
  });
