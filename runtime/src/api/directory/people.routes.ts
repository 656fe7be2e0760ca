import {
  ActingList,
  ActingView,
  CreateActingRequest,
  CreatedUserResponse,
  CreateUserRequest,
  ImportUsersRequest,
  ImportUsersResponse,
  ResetPasswordRequest,
  ResetPasswordResponse,
  UpdateUserRequest,
  UserView,
} from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

const userParam = z.object({ userId: z.string().min(1).max(100) });

export const createUser = createRoute({
  method: "post",
  path: "/users",
  tags: ["directory"],
  summary: "Create a local account (admins, within their district)",
  description:
    "Without `password` a temporary password is generated, returned once as `temporaryPassword`, and must be changed at the first sign-in. Only the super admin grants super-admin.",
  security: SECURITY,
  request: { body: jsonBody(CreateUserRequest) },
  responses: { 201: jsonResponse(CreatedUserResponse, "Created"), ...errors(400, 401, 403, 404, 409) },
});

export const updateUser = createRoute({
  method: "patch",
  path: "/users/{userId}",
  tags: ["directory"],
  summary: "Change an account's name, unit/district or roles (roles are replaced)",
  security: SECURITY,
  request: { params: userParam, body: jsonBody(UpdateUserRequest) },
  responses: { 200: jsonResponse(UserView, "Changed"), ...errors(400, 401, 403, 404, 409) },
});

export const disableUser = createRoute({
  method: "post",
  path: "/users/{userId}/disable",
  tags: ["directory"],
  summary: "Disable an account and end its sessions",
  security: SECURITY,
  request: { params: userParam },
  responses: { 200: jsonResponse(UserView, "Disabled"), ...errors(401, 403, 404, 409) },
});

export const enableUser = createRoute({
  method: "post",
  path: "/users/{userId}/enable",
  tags: ["directory"],
  summary: "Enable a disabled account again",
  security: SECURITY,
  request: { params: userParam },
  responses: { 200: jsonResponse(UserView, "Enabled"), ...errors(401, 403, 404) },
});

export const resetPassword = createRoute({
  method: "post",
  path: "/users/{userId}/reset-password",
  tags: ["directory"],
  summary: "Set a password, or generate a temporary one (shown once); ends the account's sessions",
  security: SECURITY,
  request: { params: userParam, body: jsonBody(ResetPasswordRequest) },
  responses: { 200: jsonResponse(ResetPasswordResponse, "Reset"), ...errors(400, 401, 403, 404, 409) },
});

export const importUsers = createRoute({
  method: "post",
  path: "/users/import",
  tags: ["directory"],
  summary: "Create accounts from a CSV file: every row is checked first, one bad row imports nothing",
  description:
    "Header `username,displayName,district,roles[,password]` (Indonesian names accepted: nama_pengguna, nama, kabupaten, peran, kata_sandi); roles separated by `;` or `|`. A refused import answers 422 `import-invalid` with `details.rows`, each with bilingual errors.",
  security: SECURITY,
  request: { body: jsonBody(ImportUsersRequest) },
  responses: { 201: jsonResponse(ImportUsersResponse, "Imported"), ...errors(400, 401, 403, 422) },
});

export const listActing = createRoute({
  method: "get",
  path: "/acting",
  tags: ["directory"],
  summary: "Acting officials (Plt/Plh) of a district",
  security: SECURITY,
  request: { query: z.object({ district: z.string().max(20).optional() }) },
  responses: { 200: jsonResponse(ActingList, "Acting assignments"), ...errors(401, 403) },
});

export const createActing = createRoute({
  method: "post",
  path: "/acting",
  tags: ["directory"],
  summary: "Make a user acting official (Plt/Plh) of a position's roles from one Jakarta date to another",
  security: SECURITY,
  request: { body: jsonBody(CreateActingRequest) },
  responses: { 201: jsonResponse(ActingView, "Created"), ...errors(400, 401, 403, 404) },
});

export const revokeActing = createRoute({
  method: "post",
  path: "/acting/{actingId}/revoke",
  tags: ["directory"],
  summary: "End an acting assignment now",
  security: SECURITY,
  request: { params: z.object({ actingId: z.string().min(1).max(100) }) },
  responses: { 200: jsonResponse(ActingView, "Revoked"), ...errors(401, 403, 404, 409) },
});
