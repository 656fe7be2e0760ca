import type { RouteHandler } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { attemptLogin } from "../../auth/login";
import { loadPrincipal, type Principal } from "../../auth/principal";
import { CSRF_COOKIE, createSession, deleteSession, SESSION_COOKIE, SESSION_TTL_MS } from "../../auth/sessions";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { requirePrincipal } from "../middleware";
import type * as routes from "./auth.routes";

function userView(p: Principal) {
  return {
    id: p.userId,
    username: p.username,
    displayName: p.displayName,
    orgUnitId: p.orgUnitId,
    district: p.district,
    roles: p.roles,
    disabled: false,
  };
}

export const login: RouteHandler<typeof routes.login, AppEnv> = async (c) => {
  const { db, env } = c.get("deps");
  const body = c.req.valid("json");
  const ip = c.get("ip");
  const outcome = await attemptLogin(db, { username: body.username, password: body.password, ip });
  if (!outcome.ok) {
    await audit(c, db, {
      actorId: null,
      action: "auth.login",
      outcome: "denied",
      resourceType: "user",
      resourceId: body.username.slice(0, 100),
      details: { reason: outcome.reason },
    });
    const retry = outcome.retryAfterSeconds ? { "Retry-After": String(outcome.retryAfterSeconds) } : undefined;
    if (outcome.reason === "delayed") throw new ApiException(429, "sign-in-delayed", undefined, retry);
    if (outcome.reason === "rate-limited") throw new ApiException(429, "rate-limited", undefined, retry);
    throw new ApiException(401, "invalid-credentials");
  }
  const principal = await loadPrincipal(db, outcome.userId);
  if (!principal) throw new ApiException(401, "invalid-credentials");
  const session = await createSession(db, {
    userId: principal.userId,
    ip,
    userAgent: c.req.header("user-agent") ?? null,
  });
  await audit(c, db, {
    actorId: principal.userId,
    action: "auth.login",
    outcome: "ok",
    resourceType: "user",
    resourceId: principal.userId,
    district: principal.district,
    details: { mode: body.mode },
  });
  const expiresAt = session.expiresAt.toISOString();
  if (body.mode === "token") return c.json({ user: userView(principal), token: session.token, expiresAt }, 200);
  const secure = env.NODE_ENV === "production";
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge });
  // Readable by the web app, which echoes it in X-CSRF-Token (double submit).
  setCookie(c, CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: "Lax", secure, path: "/", maxAge });
  return c.json({ user: userView(principal), csrfToken: session.csrfToken, expiresAt }, 200);
};

export const logout: RouteHandler<typeof routes.logout, AppEnv> = async (c) => {
  const principal = requirePrincipal(c);
  const sessionId = c.get("sessionId");
  const { db } = c.get("deps");
  if (sessionId) await deleteSession(db, sessionId);
  await audit(c, db, {
    action: "auth.logout",
    outcome: "ok",
    resourceType: "user",
    resourceId: principal.userId,
    district: principal.district,
  });
  deleteCookie(c, SESSION_COOKIE, { path: "/" });
  deleteCookie(c, CSRF_COOKIE, { path: "/" });
  return c.json({ ok: true as const }, 200);
};

export const me: RouteHandler<typeof routes.me, AppEnv> = async (c) => {
  const principal = requirePrincipal(c);
  const expiresAt = c.get("sessionExpiresAt");
  if (!expiresAt) throw new ApiException(401, "unauthenticated");
  return c.json(
    {
      user: userView(principal),
      csrfToken: c.get("authKind") === "cookie" ? c.get("csrfToken") : null,
      expiresAt: expiresAt.toISOString(),
    },
    200,
  );
};
