/** Starting a case (applicant data plus the requirement documents, as multipart); retrying an incident; cancelling. */
import {
  CancelCaseResponse,
  CaseHoldResponse,
  CaseVariables,
  CaseView,
  type ReassignTaskRequest,
  ReassignTaskResponse,
  type StartCaseData,
} from "@alur/shared/api";
import { request } from "../http";
import { paths } from "../paths";

/** Starts a case; `files` maps a requirement id to the uploaded file. */
export function startCase(data: StartCaseData, files: Record<string, File>, idempotencyKey: string) {
  const form = new FormData();
  form.set("data", JSON.stringify(data));
  for (const [requirementId, file] of Object.entries(files)) form.set(`document:${requirementId}`, file);
  return request(CaseView, paths.cases, { method: "POST", body: form, headers: { "Idempotency-Key": idempotencyKey } });
}

/** Retries an open incident once its cause is fixed; answers the case as it now stands. */
export function retryIncident(caseId: string, incidentId: string) {
  return request(CaseView, paths.incidentRetry(caseId, incidentId), { method: "POST", body: {} });
}

/** Cancels a running case with the reason the timeline and audit log keep. */
export function cancelCase(caseId: string, reason: string) {
  return request(CancelCaseResponse, paths.caseCancel(caseId), { method: "POST", body: { reason } });
}

/** Suspends a running case with the reason the timeline and audit log keep. */
export function suspendCase(caseId: string, reason: string) {
  return request(CaseHoldResponse, paths.caseSuspend(caseId), { method: "POST", body: { reason } });
}

/** Resumes a suspended case with the reason the timeline and audit log keep. */
export function resumeCase(caseId: string, reason: string) {
  return request(CaseHoldResponse, paths.caseResume(caseId), { method: "POST", body: { reason } });
}

/** Corrects variables of a running case (a data-entry mistake), with the reason kept in the audit log. */
export function correctCaseVariables(caseId: string, variables: Record<string, unknown>, reason: string) {
  return request(CaseVariables, paths.caseVariables(caseId), { method: "POST", body: { variables, reason } });
}

/** Hands an open task of the case to another eligible user (a supervisor's decision, with its reason). */
export function reassignCaseTask(caseId: string, taskId: string, body: ReassignTaskRequest) {
  return request(ReassignTaskResponse, paths.caseTask(caseId, taskId, "reassign"), { method: "POST", body });
}
