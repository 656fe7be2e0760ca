/** Cases (permohonan) and their timelines. */
import { CaseView, Timeline } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { request } from "../http";
import { paths } from "../paths";

export const caseKeys = {
  all: ["cases"] as const,
  detail: (id: string) => ["cases", id] as const,
  timeline: (id: string) => ["cases", id, "timeline"] as const,
};

export const caseQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => request(CaseView, paths.case(id), { signal }),
  });

export const caseTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: caseKeys.timeline(id),
    queryFn: ({ signal }) => request(Timeline, paths.caseTimeline(id), { signal }),
  });
