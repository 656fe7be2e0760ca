/**
 * The public pages' reads and writes: no session, no cookie, and no zod (the phone budget: see
 * `requestUnchecked`); the shared contract gives the types.
 */
import type {
  ApplicationReceipt,
  ComplaintReceipt,
  ComplaintTrackRequest,
  PublicApplicationData,
  PublicCatalogue,
  PublicComplaintRequest,
  PublicComplaintView,
  PublicServiceView,
  PublicSurveyRequest,
  SurveyReceipt,
  TrackDocumentRequest,
  TrackingView,
  TrackRequest,
  TrackUploadData,
  VerificationCodeRequest,
  VerificationCodeSent,
} from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { requestBlob, requestUnchecked } from "../http";
import { paths } from "../paths";

const publicKeys = {
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

/** An online application: the JSON part and one file per requirement (`document:<id>`). */
export function applyOnline(
  district: string,
  processId: string,
  data: PublicApplicationData,
  files: Record<string, File>,
): Promise<ApplicationReceipt> {
  const form = new FormData();
  form.append("data", JSON.stringify(data));
  for (const [requirementId, file] of Object.entries(files)) form.append(`document:${requirementId}`, file, file.name);
  return requestUnchecked<ApplicationReceipt>(paths.publicApply(district, processId), {
    method: "POST",
    body: form,
    credentials: "omit",
  });
}

/** The receipt PDF, by case number and code (POST, as tracking). */
/** Sends a verification code to the contact the application will name (districts that ask for one). */
export function requestVerificationCode(
  district: string,
  body: VerificationCodeRequest,
): Promise<VerificationCodeSent> {
  return requestUnchecked<VerificationCodeSent>(paths.publicVerificationCodes(district), {
    method: "POST",
    body,
    credentials: "omit",
  });
}

export function receiptPdf(body: TrackRequest): Promise<Blob> {
  return requestBlob(paths.publicReceipt, { method: "POST", body, credentials: "omit" });
}

/** What a request of the office asks for, uploaded from the tracking page; answers the new status. */
export function uploadRequested(data: TrackUploadData, files: Record<string, File>): Promise<TrackingView> {
  const form = new FormData();
  form.append("data", JSON.stringify(data));
  for (const [requirementId, file] of Object.entries(files)) form.append(`document:${requirementId}`, file, file.name);
  return requestUnchecked<TrackingView>(paths.publicTrackUpload, { method: "POST", body: form, credentials: "omit" });
}

/** The completed case's letter. */
export function productDocument(body: TrackDocumentRequest): Promise<Blob> {
  return requestBlob(paths.publicTrackDocument, { method: "POST", body, credentials: "omit" });
}

/** Hands a downloaded file to the browser under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The satisfaction survey, authorized by the case number and tracking code as tracking is. */
export function answerSurvey(body: PublicSurveyRequest): Promise<SurveyReceipt> {
  return requestUnchecked<SurveyReceipt>(paths.publicSurvey, { method: "POST", body, credentials: "omit" });
}

/** A complaint from the public form; a linked case travels with its tracking code, by POST. */
export function fileComplaint(body: PublicComplaintRequest): Promise<ComplaintReceipt> {
  return requestUnchecked<ComplaintReceipt>(paths.publicComplaints, { method: "POST", body, credentials: "omit" });
}

/** The complainant's own complaint and the office's answer. */
export function trackComplaint(body: ComplaintTrackRequest): Promise<PublicComplaintView> {
  return requestUnchecked<PublicComplaintView>(paths.publicComplaintTrack, {
    method: "POST",
    body,
    credentials: "omit",
  });
}
