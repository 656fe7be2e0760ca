import {
  CancelCaseRequest,
  CancelCaseResponse,
  CaseHoldRequest,
  CaseHoldResponse,
  CaseVariables,
  CorrectVariablesRequest,
  EligibleUsers,
  ReassignTaskRequest,
  ReassignTaskResponse,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const cancel = createRoute({
  method: "post",
  path: "/cases/{caseId}/cancel",
  tags: ["cases"],
  summary: "Cancel a running case with a reason (super admin, the case district's admin or head)",
  description:
    "Its open tasks are cancelled and leave every inbox, called cases end with it, and the timeline and " +
    "audit log record who cancelled it and why. Answers once the workflow has closed the case, or after a " +
    "few seconds with the status it has then. Repeating the request for a case whose cancellation is " +
    "recorded answers 409 case-not-running.",
  security: SECURITY,
  request: { params: z.object({ caseId: z.string() }), body: jsonBody(CancelCaseRequest) },
  responses: { 200: jsonResponse(CancelCaseResponse, "Cancelled"), ...errors(400, 401, 403, 404, 409, 503) },
});

const hold = (action: "suspend" | "resume", summary: string, description: string) =>
  createRoute({
    method: "post",
    path: `/cases/{caseId}/${action}`,
    tags: ["cases"],
    summary,
    description,
    security: SECURITY,
    request: { params: z.object({ caseId: z.string() }), body: jsonBody(CaseHoldRequest) },
    responses: { 200: jsonResponse(CaseHoldResponse, "Done"), ...errors(400, 401, 403, 404, 409, 503) },
  });

export const suspend = hold(
  "suspend",
  "Suspend a running case with a reason (super admin, the case district's admin or head)",
  "While suspended its tasks cannot be completed (409 case-suspended; the inbox marks them suspended), messages, " +
    "signals and incident retries are refused, and timers that come due fire only when it resumes. The " +
    "service-standard clock pauses: on resume the case due date moves by the suspended working time. Audited " +
    "(`case.suspend`, reason) and on the timeline. 409 case-already-suspended, case-not-running.",
);

export const resume = hold(
  "resume",
  "Resume a suspended case with a reason (super admin, the case district's admin or head)",
  "Held timers fire now, tasks can be completed again, and the case due date moves by the suspended working time. " +
    "Audited (`case.resume`, reason) and on the timeline. 409 case-not-suspended, case-not-running.",
);

export const variables = createRoute({
  method: "get",
  path: "/cases/{caseId}/variables",
  tags: ["cases"],
  summary: "The running case's variables, for a correction (super admin, the case district's admin or head)",
  security: SECURITY,
  request: { params: z.object({ caseId: z.string() }) },
  responses: { 200: jsonResponse(CaseVariables, "Variables"), ...errors(401, 403, 404, 409, 503) },
});

export const correct = createRoute({
  method: "post",
  path: "/cases/{caseId}/variables",
  tags: ["cases"],
  summary: "Correct variables of a running case with a reason (super admin, the case district's admin or head)",
  description:
    "For data-entry mistakes: only variables the case already holds, not caseNumber, applicant, documents or " +
    "startedBy; restricted fields of a sensitive service only by roles that may see them. Later decisions read " +
    "the new values. Audited with the old and new values; the timeline names who and why.",
  security: SECURITY,
  request: { params: z.object({ caseId: z.string() }), body: jsonBody(CorrectVariablesRequest) },
  responses: { 200: jsonResponse(CaseVariables, "Corrected"), ...errors(400, 401, 403, 404, 409, 422, 503) },
});

const CaseTaskParams = z.object({ caseId: z.string(), taskId: z.string() });

export const eligibleUsers = createRoute({
  method: "get",
  path: "/cases/{caseId}/tasks/{taskId}/eligible-users",
  tags: ["cases"],
  summary: "Whom a supervisor can hand an open task of the case to (super admin, the case district's admin or head)",
  description:
    "Active users of the case's district holding one of the task's candidate roles, or named as its candidate users; " +
    "`current` marks the assignee.",
  security: SECURITY,
  request: { params: CaseTaskParams },
  responses: { 200: jsonResponse(EligibleUsers, "Eligible users"), ...errors(401, 403, 404, 409) },
});

export const reassign = createRoute({
  method: "post",
  path: "/cases/{caseId}/tasks/{taskId}/reassign",
  tags: ["cases"],
  summary: "Reassign an open task to an eligible user with a reason (super admin, the case district's admin or head)",
  description:
    "The assignee changes, the audit log (`task.reassign`, old and new assignee, reason) and the timeline " +
    "(`task.reassigned`) record it and the new assignee is notified, all in one transaction. 422 reassign-invalid " +
    "for a user who is not eligible; 409 task-closed when the task was completed first, 409 case-not-running for a " +
    "closed case, 409 reassign-conflict when `revision` is given and the task changed since.",
  security: SECURITY,
  request: { params: CaseTaskParams, body: jsonBody(ReassignTaskRequest) },
  responses: {
    200: jsonResponse(ReassignTaskResponse, "Reassigned"),
    ...errors(400, 401, 403, 404, 409, 422),
  },
});
