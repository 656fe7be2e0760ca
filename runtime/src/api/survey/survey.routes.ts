import { CounterSurveyRequest, IkmReport, IkmReportQuery, PublicSurveyRequest, SurveyReceipt } from "@alur/shared/api";
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const answerOnline = createRoute({
  method: "post",
  path: "/public/survey",
  tags: ["public"],
  summary: "The applicant answers the satisfaction survey (SKM) for their completed case (no sign-in)",
  description:
    "Authorized by the case number and tracking code, as tracking is, and counted towards the same failed-attempt limit. Once per case (409 when the case already has a response, online or from the counter); only after the case is completed (409 before).",
  security: [],
  request: { body: jsonBody(PublicSurveyRequest) },
  responses: { 201: jsonResponse(SurveyReceipt, "Stored"), ...errors(400, 404, 409, 429) },
});

export const answerAtCounter = createRoute({
  method: "post",
  path: "/surveys",
  tags: ["survey"],
  summary: "Enter a paper questionnaire from the counter (front office, heads, district admin)",
  description:
    "For a case of the district by its number (once per case) or for one of its services. The entering officer is recorded and audited.",
  security: SECURITY,
  request: { body: jsonBody(CounterSurveyRequest) },
  responses: { 201: jsonResponse(SurveyReceipt, "Stored"), ...errors(400, 401, 403, 404, 409) },
});

export const ikmReport = createRoute({
  method: "get",
  path: "/reports/ikm",
  tags: ["survey"],
  summary: "The community satisfaction index (IKM) of a district, or one service, over a period",
  description:
    "Permenpan RB 14/2017: mean score per element (NRR), equal weights 1/9, × 25, and the quality grade A–D; with the number of respondents, the cases completed in the period and the minimum sample the regulation points to. Heads of division and district admins of the district; a super admin names the district.",
  security: SECURITY,
  request: { query: IkmReportQuery },
  responses: { 200: jsonResponse(IkmReport, "The report"), ...errors(400, 401, 403) },
});
