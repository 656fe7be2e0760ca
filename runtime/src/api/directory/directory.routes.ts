import { CreateRoleRequest, DisableDemoResponse, OrgUnitView, RoleList, RoleView, UserView } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const listOrgUnits = createRoute({
  method: "get",
  path: "/org-units",
  tags: ["directory"],
  summary: "Organisation units: national, provinces, districts",
  security: SECURITY,
  responses: { 200: jsonResponse(z.object({ items: z.array(OrgUnitView) }), "Org units"), ...errors(401) },
});

export const listRoles = createRoute({
  method: "get",
  path: "/roles",
  tags: ["directory"],
  summary: "Roles (built-in and added by admins)",
  security: SECURITY,
  responses: { 200: jsonResponse(RoleList, "Roles"), ...errors(401) },
});

export const createRole = createRoute({
  method: "post",
  path: "/roles",
  tags: ["directory"],
  summary: "Add a staff role (admins)",
  security: SECURITY,
  request: { body: jsonBody(CreateRoleRequest) },
  responses: { 201: jsonResponse(RoleView, "Created"), ...errors(400, 401, 403, 409) },
});

export const listUsers = createRoute({
  method: "get",
  path: "/users",
  tags: ["directory"],
  summary: "Users of a district (district admin: own district; super admin: any)",
  security: SECURITY,
  request: { query: z.object({ district: z.string().optional(), role: z.string().optional() }) },
  responses: { 200: jsonResponse(z.object({ items: z.array(UserView) }), "Users"), ...errors(401, 403) },
});

export const disableDemoUsers = createRoute({
  method: "post",
  path: "/users/disable-demo",
  tags: ["directory"],
  summary: "Disable every demo account and end its sessions (super admin; before production)",
  description: "Refused with 409 no-other-super-admin unless an enabled super admin that is not a demo account exists.",
  security: SECURITY,
  responses: { 200: jsonResponse(DisableDemoResponse, "Disabled accounts"), ...errors(401, 403, 409) },
});
