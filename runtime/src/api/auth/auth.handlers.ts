import type { RouteHandler } from "@hono/zod-openapi";
import { deleteCookie, setCookie } from "hono/cookie";
import { attemptLogin } from "../../auth/login";
import { hashPassword, verifyPassword } from "../../auth/password";
import { loadPrincipal, type Principal } from "../../auth/principal";
import {
  CSRF_COOKIE,
  createSession,
  deleteSession,
  type NewSession,
  SESSION_COOKIE,
  SESSION_TTL_MS,
} from "../../auth/sessions";
import type { Env } from "../../env";
import { passwordHashOf, setPassword } from "../../store/users";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
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
    mustChangePassword: p.mustChangePassword,
    sso: p.sso,
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
  setSessionCookies(c, env, session);
  return c.json({ user: userView(principal), csrfToken: session.csrfToken, expiresAt }, 200);
};

/** The browser's session cookie (httpOnly) and the CSRF cookie the web app echoes (double submit). */
export function setSessionCookies(c: AppContext, env: Env, session: NewSession): void {
  const secure = env.NODE_ENV === "production";
  const maxAge = Math.floor(SESSION_TTL_MS / 1000);
  setCookie(c, SESSION_COOKIE, session.token, { httpOnly: true, sameSite: "Lax", secure, path: "/", maxAge });
  setCookie(c, CSRF_COOKIE, session.csrfToken, { httpOnly: false, sameSite: "Lax", secure, path: "/", maxAge });
}

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

export const changePassword: RouteHandler<typeof routes.changePassword, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  if (p.sso) throw new ApiException(409, "sso-account");
  const current = await passwordHashOf(db, p.userId);
  if (!current || !(await verifyPassword(current, body.currentPassword))) {
    await audit(c, db, {
      action: "auth.change-password",
      outcome: "denied",
      resourceType: "user",
      resourceId: p.userId,
      district: p.district,
      details: { reason: "wrong-password" },
    });
    throw new ApiException(400, "wrong-password");
  }
  const passwordHash = await hashPassword(body.newPassword);
  const sessionId = c.get("sessionId");
  await db.transaction().execute(async (tx) => {
    await setPassword(tx, p.userId, {
      passwordHash,
      mustChange: false,
      ...(sessionId ? { keepSession: sessionId } : {}),
    });
    await audit(c, tx, {
      action: "auth.change-password",
      outcome: "ok",
      resourceType: "user",
      resourceId: p.userId,
      district: p.district,
      details: { wasTemporary: p.mustChangePassword },
    });
  });
  const expiresAt = c.get("sessionExpiresAt");
  return c.json(
    {
      user: { ...userView(p), mustChangePassword: false },
      csrfToken: c.get("authKind") === "cookie" ? c.get("csrfToken") : null,
      expiresAt: (expiresAt ?? new Date()).toISOString(),
    },
    200,
  );
};
