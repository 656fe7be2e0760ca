import {
  AnswerComplaintRequest,
  ComplaintIdParam,
  ComplaintItem,
  ComplaintList,
  ComplaintListQuery,
  ComplaintReceipt,
  ComplaintReport,
  ComplaintReportQuery,
  ComplaintTrackRequest,
  CounterComplaintRequest,
  PublicComplaintRequest,
  PublicComplaintView,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const fileOnline = createRoute({
  method: "post",
  path: "/public/complaints",
  tags: ["public"],
  summary: "File a complaint (pengaduan) about a service or one's own case (no sign-in)",
  description:
    "Linking a case needs its case number and tracking code (the tracking door: wrong pairs count towards the same failed-attempt limit, 404). Limited per client address (checked before the body) and per phone or email, as online applications are. Answers with the complaint number and a tracking code shown once; the complaint is due 3 × 24 clock hours after receipt.",
  security: [],
  request: { body: jsonBody(PublicComplaintRequest) },
  responses: { 201: jsonResponse(ComplaintReceipt, "Received"), ...errors(400, 404, 413, 429) },
});

export const trackOnline = createRoute({
  method: "post",
  path: "/public/complaints/track",
  tags: ["public"],
  summary: "The complainant reads their complaint and the office's answer (no sign-in)",
  description: "Authorized by the complaint number and tracking code; failures count towards the tracking limit.",
  security: [],
  request: { body: jsonBody(ComplaintTrackRequest) },
  responses: { 200: jsonResponse(PublicComplaintView, "The complaint"), ...errors(400, 404, 429) },
});

export const takeAtCounter = createRoute({
  method: "post",
  path: "/complaints",
  tags: ["complaints"],
  summary: "Take a complaint by phone or at the desk (front office, complaint team)",
  security: SECURITY,
  request: { body: jsonBody(CounterComplaintRequest) },
  responses: { 201: jsonResponse(ComplaintReceipt, "Received"), ...errors(400, 401, 403, 404) },
});

export const list = createRoute({
  method: "get",
  path: "/complaints",
  tags: ["complaints"],
  summary: "The district's complaints with their 3 × 24-hour clock (complaint team, heads)",
  security: SECURITY,
  request: { query: ComplaintListQuery },
  responses: { 200: jsonResponse(ComplaintList, "Complaints"), ...errors(400, 401, 403) },
});

export const answer = createRoute({
  method: "post",
  path: "/complaints/{id}/answer",
  tags: ["complaints"],
  summary: "Answer a complaint (once); the complainant is told by email and WhatsApp/SMS",
  security: SECURITY,
  request: { params: ComplaintIdParam, body: jsonBody(AnswerComplaintRequest) },
  responses: { 200: jsonResponse(ComplaintItem, "Answered"), ...errors(400, 401, 403, 404, 409) },
});

export const report = createRoute({
  method: "get",
  path: "/reports/complaints",
  tags: ["complaints"],
  summary: "Response times of complaints per service and month: count, median and p90 hours, % within 72 h",
  security: SECURITY,
  request: { query: ComplaintReportQuery },
  responses: { 200: jsonResponse(ComplaintReport, "The report"), ...errors(400, 401, 403) },
});

export const laporExport = createRoute({
  method: "get",
  path: "/reports/complaints/lapor.csv",
  tags: ["complaints"],
  summary: "The period's complaints as CSV with SP4N-LAPOR!'s report fields (audited; no contact data)",
  security: SECURITY,
  request: { query: ComplaintReportQuery },
  responses: {
    200: { description: "The file", content: { "text/csv": { schema: z.string() } } },
    ...errors(400, 401, 403),
  },
});
