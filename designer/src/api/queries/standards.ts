/** The published Standar Pelayanan of a version, derived from its model on the server. */
import { StandardView } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { request } from "../http";
import { paths } from "../paths";

const standardKeys = {
  version: (versionId: string) => ["standards", versionId] as const,
};

/** A version's model never changes, but role names may: refetch on mount like other lists. */
export const standardQuery = (versionId: string) =>
  queryOptions({
    queryKey: standardKeys.version(versionId),
    queryFn: ({ signal }) => request(StandardView, paths.standard(versionId), { signal }),
  });
