import { DeployRequest, DeployResponse, ProcessVersionList, ProcessVersionView } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const deploy = createRoute({
  method: "post",
  path: "/processes",
  tags: ["processes"],
  summary: "Deploy a BPMN model as a new version (draft, or published at once)",
  security: SECURITY,
  request: { body: jsonBody(DeployRequest) },
  responses: { 201: jsonResponse(DeployResponse, "Deployed"), ...errors(400, 401, 403, 409, 422) },
});

export const list = createRoute({
  method: "get",
  path: "/processes",
  tags: ["processes"],
  summary: "Process versions visible to me (national templates and my district)",
  security: SECURITY,
  request: {
    query: z.object({
      district: z.string().optional(),
      processId: z.string().optional(),
      status: z.string().optional(),
    }),
  },
  responses: { 200: jsonResponse(ProcessVersionList, "Versions"), ...errors(401, 403) },
});

export const get = createRoute({
  method: "get",
  path: "/processes/versions/{versionId}",
  tags: ["processes"],
  summary: "One process version with its BPMN XML and execution plan",
  security: SECURITY,
  request: { params: z.object({ versionId: z.string() }) },
  responses: {
    200: jsonResponse(ProcessVersionView.extend({ bpmnXml: z.string(), plan: z.unknown() }), "Version"),
    ...errors(401, 403, 404),
  },
});

export const publish = createRoute({
  method: "post",
  path: "/processes/versions/{versionId}/publish",
  tags: ["processes"],
  summary: "Publish a draft version; new cases use it from its effective date",
  security: SECURITY,
  request: { params: z.object({ versionId: z.string() }) },
  responses: { 200: jsonResponse(ProcessVersionView, "Published"), ...errors(401, 403, 404, 409) },
});
