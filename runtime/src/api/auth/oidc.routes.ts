import { OidcConfigResponse } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { jsonResponse } from "../openapi";

export const oidcConfig = createRoute({
  method: "get",
  path: "/auth/oidc",
  tags: ["auth"],
  summary: "Whether single sign-on (OpenID Connect) is offered",
  responses: { 200: jsonResponse(OidcConfigResponse, "Single sign-on") },
});

export const oidcStart = createRoute({
  method: "get",
  path: "/auth/oidc/start",
  tags: ["auth"],
  summary: "Start an OpenID Connect sign-in (redirects to the identity provider)",
  request: { query: z.object({ returnTo: z.string().max(500).optional() }) },
  responses: {
    302: { description: "To the provider; to /masuk?sso=<code> when single sign-on is off or unreachable" },
  },
});

export const oidcCallback = createRoute({
  method: "get",
  path: "/auth/oidc/callback",
  tags: ["auth"],
  summary: "The provider's redirect back: signs in and redirects into the app",
  request: {
    query: z.object({
      code: z.string().max(2000).optional(),
      state: z.string().max(500).optional(),
      error: z.string().max(500).optional(),
      iss: z.string().max(500).optional(),
    }),
  },
  responses: { 302: { description: "Into the app, or to /masuk?sso=<code> on failure" } },
});
