/**
 * The public pages' reads: no session, no cookie, and no zod (the phone budget: see
 * `requestUnchecked`); the shared contract gives the types.
 */
import type {
  PublicCatalogue,
  PublicServiceView,
  PublicSurveyRequest,
  SurveyReceipt,
  TrackingView,
  TrackRequest,
} from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { requestUnchecked } from "../http";
import { paths } from "../paths";

export const publicKeys = {
  catalogue: (district: string) => ["public", "catalogue", district] as const,
  service: (district: string, processId: string) => ["public", "service", district, processId] as const,
};

export const publicCatalogueQuery = (district: string) =>
  queryOptions({
    queryKey: publicKeys.catalogue(district),
    queryFn: ({ signal }) =>
      requestUnchecked<PublicCatalogue>(paths.publicServices(district), { signal, credentials: "omit" }),
  });

export const publicServiceQuery = (district: string, processId: string) =>
  queryOptions({
    queryKey: publicKeys.service(district, processId),
    queryFn: ({ signal }) =>
      requestUnchecked<PublicServiceView>(paths.publicService(district, processId), { signal, credentials: "omit" }),
  });

/** A POST, so the code stays out of URLs, history and access logs. */
export function trackCase(body: TrackRequest): Promise<TrackingView> {
  return requestUnchecked<TrackingView>(paths.publicTrack, { method: "POST", body, credentials: "omit" });
}

/** The satisfaction survey, authorized by the case number and tracking code as tracking is. */
export function answerSurvey(body: PublicSurveyRequest): Promise<SurveyReceipt> {
  return requestUnchecked<SurveyReceipt>(paths.publicSurvey, { method: "POST", body, credentials: "omit" });
}
