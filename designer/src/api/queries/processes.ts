/** Deployed process models: the catalogue, versions and their BPMN. */
import { ProcessVersionList, ProcessVersionView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { z } from "zod";
import { query, request } from "../http";
import { paths } from "../paths";

export const processKeys = {
  all: ["processes"] as const,
  catalogue: (district: string | null) => ["processes", "catalogue", district] as const,
  versions: (processId: string) => ["processes", processId, "versions"] as const,
  version: (versionId: string) => ["process-versions", versionId] as const,
};

export const catalogueQuery = (district: string | null) =>
  queryOptions({
    queryKey: processKeys.catalogue(district),
    queryFn: ({ signal }) => request(ProcessVersionList, `${paths.processes}${query({ district })}`, { signal }),
  });

export const processVersionsQuery = (processId: string) =>
  queryOptions({
    queryKey: processKeys.versions(processId),
    queryFn: ({ signal }) => request(ProcessVersionList, `${paths.processes}${query({ processId })}`, { signal }),
  });

/**
 * A version with its BPMN XML and the forms its plan carries (a version never changes its model, so
 * it never goes stale). Forms a model references by id live only in the plan.
 */
const VersionWithXml = ProcessVersionView.extend({
  bpmnXml: z.string(),
  plan: z.object({ forms: z.record(z.string(), z.unknown()).default({}) }),
});

export const processVersionQuery = (versionId: string) =>
  queryOptions({
    queryKey: processKeys.version(versionId),
    queryFn: ({ signal }) => request(VersionWithXml, paths.processVersion(versionId), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** Just the BPMN XML of a version, from the same cache entry. */
export const processBpmnQuery = (versionId: string) =>
  queryOptions({ ...processVersionQuery(versionId), select: (v: z.infer<typeof VersionWithXml>) => v.bpmnXml });
