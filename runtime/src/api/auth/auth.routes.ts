import { ChangePasswordRequest, LoginRequest, LoginResponse, MeResponse } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const login = createRoute({
  method: "post",
  path: "/auth/login",
  tags: ["auth"],
  summary: "Sign in with username and password",
  request: { body: jsonBody(LoginRequest) },
  responses: { 200: jsonResponse(LoginResponse, "Signed in"), ...errors(400, 401, 429) },
});

export const logout = createRoute({
  method: "post",
  path: "/auth/logout",
  tags: ["auth"],
  summary: "End the current session",
  security: SECURITY,
  responses: { 200: jsonResponse(z.object({ ok: z.literal(true) }), "Signed out"), ...errors(401, 403) },
});

export const me = createRoute({
  method: "get",
  path: "/auth/me",
  tags: ["auth"],
  summary: "The signed-in user and the CSRF token for writes",
  security: SECURITY,
  responses: { 200: jsonResponse(MeResponse, "The signed-in user"), ...errors(401) },
});

export const changePassword = createRoute({
  method: "post",
  path: "/auth/password",
  tags: ["auth"],
  summary: "Change your own password (ends your other sessions; clears a temporary password)",
  security: SECURITY,
  request: { body: jsonBody(ChangePasswordRequest) },
  responses: { 200: jsonResponse(MeResponse, "Changed"), ...errors(400, 401, 403, 409) },
});
