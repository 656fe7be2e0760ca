import {
  ApplicationReceipt,
  PublicCatalogue,
  PublicDistrictParam,
  PublicProcessIdParam,
  PublicServiceView,
  TrackDocumentRequest,
  TrackingView,
  TrackRequest,
  VerificationCodeRequest,
  VerificationCodeSent,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse } from "../openapi";

/** No sign-in: anyone may call these. */
const PUBLIC: Record<string, string[]>[] = [];

export const catalogue = createRoute({
  method: "get",
  path: "/public/districts/{district}/services",
  tags: ["public"],
  summary: "The district's public service catalogue (no sign-in)",
  description:
    "Every service a new case in the district would run today: the district's own variants and the national templates it uses, each at its newest published version in effect. Drafts, retired versions, versions not yet in effect and models without a service standard are not listed.",
  security: PUBLIC,
  request: { params: z.object({ district: PublicDistrictParam }) },
  responses: { 200: jsonResponse(PublicCatalogue, "The catalogue"), ...errors(400, 404) },
});

export const service = createRoute({
  method: "get",
  path: "/public/districts/{district}/services/{processId}",
  tags: ["public"],
  summary: "A service's published Standar Pelayanan (no sign-in)",
  description:
    "The standard derived from the model of the version in effect in the district, as the staff's standard page shows it: the 14 components, the procedure with role names, SLAs, clock stops and the flowchart.",
  security: PUBLIC,
  request: { params: z.object({ district: PublicDistrictParam, processId: PublicProcessIdParam }) },
  responses: { 200: jsonResponse(PublicServiceView, "The published standard"), ...errors(400, 404, 422) },
});

export const track = createRoute({
  method: "post",
  path: "/public/track",
  tags: ["public"],
  summary: "Where an application stands, by case number and tracking code (no sign-in)",
  description:
    "The stage in the model's step names, the due date and the clock stops. A wrong case number and a wrong code get the same 404; failed attempts are limited per client address (429 with Retry-After). POST keeps the code out of URLs and access logs.",
  security: PUBLIC,
  request: { body: jsonBody(TrackRequest) },
  responses: { 200: jsonResponse(TrackingView, "The case's public status"), ...errors(400, 404, 429) },
});

export const apply = createRoute({
  method: "post",
  path: "/public/districts/{district}/services/{processId}/applications",
  tags: ["public"],
  summary: "Apply online for a service (no sign-in): start form, requirement documents, contact",
  description:
    "Multipart: field `data` is PublicApplicationData as JSON (applicant, contact with phone and/or email, the start form's fields as `variables`); each requirement document is a file field `document:<requirementId>` (the standard's file types, 10 MB each, 25 MB together). The case starts as one the front office starts, its actor `public:online`. The answer is the tanda terima with the tracking code, shown once. Limits: applications per client address per hour and per phone or email per day (429 with Retry-After).",
  security: PUBLIC,
  request: {
    params: z.object({ district: PublicDistrictParam, processId: PublicProcessIdParam }),
    body: {
      required: false,
      content: {
        "multipart/form-data": {
          schema: z.object({ data: z.string().describe("PublicApplicationData as JSON") }).catchall(z.unknown()),
        },
      },
    },
  },
  responses: {
    201: jsonResponse(ApplicationReceipt, "Received: the tanda terima"),
    ...errors(400, 404, 413, 415, 422, 429, 503),
  },
});

export const receipt = createRoute({
  method: "post",
  path: "/public/receipt",
  tags: ["public"],
  summary: "The tanda terima of an online application as PDF, by case number and tracking code (no sign-in)",
  description: "The same check and limits as POST /public/track; 404 for a case not applied for online.",
  security: PUBLIC,
  request: { body: jsonBody(TrackRequest) },
  responses: {
    200: { description: "The receipt", content: { "application/pdf": { schema: z.any() } } },
    ...errors(400, 404, 429),
  },
});

export const trackUpload = createRoute({
  method: "post",
  path: "/public/track/uploads",
  tags: ["public"],
  summary: "Upload what the office asked for, from the tracking page (no sign-in)",
  description:
    "Multipart: field `data` is TrackUploadData as JSON (case number, tracking code, the requested step's `taskId` from POST /public/track `requests`); files `document:<requirementId>`. Checked as uploads at the counter; the documents are added to the case and the step (role `applicant`) is completed through the workflow as staff complete theirs, which ends its clock stop. The tracking check and limits of POST /public/track apply.",
  security: PUBLIC,
  request: {
    body: {
      required: false,
      content: {
        "multipart/form-data": {
          schema: z.object({ data: z.string().describe("TrackUploadData as JSON") }).catchall(z.unknown()),
        },
      },
    },
  },
  responses: {
    200: jsonResponse(TrackingView, "Received: where the case stands now"),
    ...errors(400, 404, 409, 413, 415, 422, 429, 503),
  },
});

export const trackDocument = createRoute({
  method: "post",
  path: "/public/track/document",
  tags: ["public"],
  summary: "Download the product of a completed case (its last generated letter), by case number and tracking code",
  security: PUBLIC,
  request: { body: jsonBody(TrackDocumentRequest) },
  responses: {
    200: { description: "The document", content: { "application/octet-stream": { schema: z.any() } } },
    ...errors(400, 404, 429),
  },
});

export const verificationCode = createRoute({
  method: "post",
  path: "/public/districts/{district}/verification-codes",
  tags: ["public"],
  summary: "Send a verification code to the phone and/or email an online application will name (no sign-in)",
  description:
    "Only in districts that ask for one (PublicServiceView.contactVerification; 409 elsewhere). A six-digit code goes to each address given, through the notification channels; it works for 15 minutes and 5 guesses and opens one application (PublicApplicationData.verificationCode, with exactly the same contact). Limits: codes per client address and per contact per hour (429 with Retry-After).",
  security: PUBLIC,
  request: { params: z.object({ district: PublicDistrictParam }), body: jsonBody(VerificationCodeRequest) },
  responses: { 202: jsonResponse(VerificationCodeSent, "Sent"), ...errors(400, 404, 409, 429) },
});
