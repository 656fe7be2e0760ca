import { CancelCaseRequest, CancelCaseResponse } from "@alur/shared/api";
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
