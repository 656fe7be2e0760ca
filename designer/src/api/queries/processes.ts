/** Deployed process models: the catalogue, versions and their BPMN. */
import { ProcessVersionList, ProcessVersionView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request, requestText } from "../http";
import { paths } from "../paths";

export const processKeys = {
  all: ["processes"] as const,
  catalogue: (district: string | null) => ["processes", "catalogue", district] as const,
  versions: (processId: string) => ["processes", processId, "versions"] as const,
  version: (versionId: string) => ["process-versions", versionId] as const,
  bpmn: (versionId: string) => ["process-versions", versionId, "bpmn"] as const,
};

export const catalogueQuery = (district: string | null) =>
  queryOptions({
    queryKey: processKeys.catalogue(district),
    queryFn: ({ signal }) => request(ProcessVersionList, `${paths.processes}${query({ district })}`, { signal }),
  });

export const processVersionsQuery = (processId: string) =>
  queryOptions({
    queryKey: processKeys.versions(processId),
    queryFn: ({ signal }) => request(ProcessVersionList, paths.processVersions(processId), { signal }),
  });

export const processVersionQuery = (versionId: string) =>
  queryOptions({
    queryKey: processKeys.version(versionId),
    queryFn: ({ signal }) => request(ProcessVersionView, paths.processVersion(versionId), { signal }),
  });

export const processBpmnQuery = (versionId: string) =>
  queryOptions({
    queryKey: processKeys.bpmn(versionId),
    queryFn: ({ signal }) => requestText(paths.processVersionBpmn(versionId), { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
