import {
  CaseMessageRequest,
  CaseMessageResponse,
  CaseView,
  RetryIncidentRequest,
  SignalRequest,
  SignalResponse,
  StartCaseData,
  Timeline,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonResponse, SECURITY } from "../openapi";

const CaseParams = z.object({ caseId: z.string() });

const MultipartStart = z
  .object({
    data: z.string().describe("StartCaseData as JSON"),
  })
  .catchall(z.unknown())
  .describe("Files go in fields named `document:<requirementId>` (pdf, jpg, png; 10 MB each).");

export const start = createRoute({
  method: "post",
  path: "/cases",
  tags: ["cases"],
  summary: "Start a case (front office, on behalf of an applicant) with its requirement documents",
  security: SECURITY,
  request: {
    headers: z.object({ "idempotency-key": z.string().min(8).max(200).optional() }),
    body: {
      // Not "required": zod-openapi then validates only the body type actually sent.
      required: false,
      content: {
        "multipart/form-data": { schema: MultipartStart },
        "application/json": { schema: StartCaseData },
      },
    },
  },
  responses: {
    201: jsonResponse(CaseView, "Started"),
    ...errors(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

export const get = createRoute({
  method: "get",
  path: "/cases/{caseId}",
  tags: ["cases"],
  summary: "A case: status, current steps, due date, documents",
  security: SECURITY,
  request: { params: CaseParams },
  responses: { 200: jsonResponse(CaseView, "The case"), ...errors(401, 403, 404) },
});

export const timeline = createRoute({
  method: "get",
  path: "/cases/{caseId}/timeline",
  tags: ["cases"],
  summary: "Every event of a case: who, what, when",
  security: SECURITY,
  request: { params: CaseParams },
  responses: { 200: jsonResponse(Timeline, "The timeline"), ...errors(401, 403, 404) },
});

export const document = createRoute({
  method: "get",
  path: "/cases/{caseId}/documents/{documentId}",
  tags: ["cases"],
  summary: "Download a case document (uploaded or generated) by its id or its sha256",
  security: SECURITY,
  request: { params: CaseParams.extend({ documentId: z.string() }) },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.any() } } },
    ...errors(401, 403, 404),
  },
});

export const message = createRoute({
  method: "post",
  path: "/cases/{caseId}/messages",
  tags: ["cases"],
  summary: 'Deliver a message to a case (e.g. "provincial decree received"), optionally with files',
  security: SECURITY,
  request: {
    params: CaseParams,
    body: {
      // Not "required": zod-openapi then validates only the body type actually sent.
      required: false,
      content: {
        "application/json": { schema: CaseMessageRequest },
        "multipart/form-data": { schema: z.object({ data: z.string() }).catchall(z.unknown()) },
      },
    },
  },
  responses: {
    200: jsonResponse(CaseMessageResponse, "Correlated to a waiting step, or no step of the case can receive it"),
    202: jsonResponse(CaseMessageResponse, "Kept (buffered) until a step waits for it, at most until expiresAt"),
    ...errors(400, 401, 403, 404, 409, 422, 503),
  },
});

export const retryIncident = createRoute({
  method: "post",
  path: "/cases/{caseId}/incidents/{incidentId}/retry",
  tags: ["cases"],
  summary: "Retry an incident once its cause is fixed (super admin, the case district's admin)",
  description:
    "Resolves an open incident of the case (GET /cases/{caseId} lists them): writes `variables` first, " +
    "then redoes the failed work of the element, e.g. runs a connector again after `connector-failed`. " +
    "An incident inside a called process (it has `callPath`) is retried in that called process.",
  security: SECURITY,
  request: {
    params: CaseParams.extend({ incidentId: z.string() }),
    // Not "required": a retry without fixed variables has no body.
    body: { required: false, content: { "application/json": { schema: RetryIncidentRequest } } },
  },
  responses: {
    200: jsonResponse(CaseView, "Retried: the case now"),
    ...errors(400, 401, 403, 404, 409, 503),
  },
});

export const signal = createRoute({
  method: "post",
  path: "/signals",
  tags: ["cases"],
  summary: "Broadcast a signal to every active case of a district (district admin)",
  security: SECURITY,
  request: { body: { required: true, content: { "application/json": { schema: SignalRequest } } } },
  responses: { 200: jsonResponse(SignalResponse, "Broadcast"), ...errors(400, 401, 403) },
});
