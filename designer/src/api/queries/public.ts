/** The public pages' reads: no session, no cookie. */
import { PublicCatalogue, PublicServiceView, TrackingView, type TrackRequest } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { request } from "../http";
import { paths } from "../paths";

const publicKeys = {
  catalogue: (district: string) => ["public", "catalogue", district] as const,
  service: (district: string, processId: string) => ["public", "service", district, processId] as const,
};

export const publicCatalogueQuery = (district: string) =>
  queryOptions({
    queryKey: publicKeys.catalogue(district),
    queryFn: ({ signal }) => request(PublicCatalogue, paths.publicServices(district), { signal, credentials: "omit" }),
  });

export const publicServiceQuery = (district: string, processId: string) =>
  queryOptions({
    queryKey: publicKeys.service(district, processId),
    queryFn: ({ signal }) =>
      request(PublicServiceView, paths.publicService(district, processId), { signal, credentials: "omit" }),
  });

/** A POST, so the code stays out of URLs, history and access logs. */
export function trackCase(body: TrackRequest): Promise<TrackingView> {
  return request(TrackingView, paths.publicTrack, { method: "POST", body, credentials: "omit" });
}
