import { AuditPage, AuditQuery } from "@alur/shared/api";
import { createRoute } from "@hono/zod-openapi";
import { errors, jsonResponse, SECURITY } from "../openapi";

export const list = createRoute({
  method: "get",
  path: "/audit",
  tags: ["audit"],
  summary: "The audit log, newest first (super admin: all; district admin: own district)",
  security: SECURITY,
  request: { query: AuditQuery },
  responses: { 200: jsonResponse(AuditPage, "Entries"), ...errors(400, 401, 403) },
});
