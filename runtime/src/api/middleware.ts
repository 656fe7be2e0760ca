/** Request middleware: client address, session or bearer authentication, CSRF on cookie writes. */
import { getCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { loadPrincipal, type Principal } from "../auth/principal";
import { CSRF_HEADER, findSession, SESSION_COOKIE, sha256Hex } from "../auth/sessions";
import { parseWorkerToken } from "../auth/worker-tokens";
import { findWorkerCredential } from "../store/external-jobs";
import { audit } from "./audit-trail";
import { trustedProxies } from "./cidr";
import { clientAddress } from "./client-address";
import type { AppContext, AppDeps, AppEnv } from "./context";
import { ApiException } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Resolves who is calling; routes decide whether a principal is required. */
export function authenticate(deps: AppDeps) {
  const isTrustedProxy = trustedProxies(deps.env.TRUSTED_PROXIES);
  return createMiddleware<AppEnv>(async (c, next) => {
    c.set("deps", deps);
    c.set("ip", clientAddress(c, isTrustedProxy));
    c.set("principal", null);
    c.set("sessionId", null);
    c.set("sessionExpiresAt", null);
    c.set("authKind", null);
    c.set("csrfToken", null);
    c.set("worker", null);
    const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const cookie = getCookie(c, SESSION_COOKIE);
    const token = bearer ?? cookie;
    const workerToken = bearer ? parseWorkerToken(bearer) : undefined;
    if (workerToken) {
      const credential = await findWorkerCredential(deps.db, workerToken.id, sha256Hex(workerToken.secret));
      if (credential) {
        c.set("worker", credential);
        c.set("authKind", "worker");
      }
    } else if (token) {
      const session = await findSession(deps.db, token);
      const principal = session ? await loadPrincipal(deps.db, session.user_id) : undefined;
      if (session && principal) {
        c.set("principal", principal);
        c.set("sessionId", session.id);
        c.set("sessionExpiresAt", new Date(session.expires_at));
        c.set("authKind", bearer ? "bearer" : "cookie");
        c.set("csrfToken", session.csrf_token);
      }
    }
    // Double-submit: a cookie-authenticated write must echo the session's CSRF token in a header,
    // which a cross-site form cannot do. Bearer tokens are not sent automatically, so need no check.
    if (c.get("authKind") === "cookie" && !SAFE_METHODS.has(c.req.method)) {
      const header = c.req.header(CSRF_HEADER);
      if (!header || header !== c.get("csrfToken")) {
        throw new ApiException(403, "csrf-invalid");
      }
    }
    await next();
  });
}

/**
 * A user signed in with a temporary password may only read who they are, change the password or
 * sign out: every other route answers 403 password-change-required.
 */
export function passwordChangeGate(allowedPaths: string[]) {
  const allowed = new Set(allowedPaths);
  return createMiddleware<AppEnv>(async (c, next) => {
    if (c.get("principal")?.mustChangePassword && !allowed.has(c.req.path)) {
      throw new ApiException(403, "password-change-required");
    }
    await next();
  });
}

/** The signed-in principal, or 401. */
export function requirePrincipal(c: AppContext): Principal {
  const principal = c.get("principal");
  if (!principal) throw new ApiException(401, "unauthenticated");
  return principal;
}

export interface Resource {
  type: string;
  id?: string | null;
  district?: string | null;
}

/** Throws 403 after auditing the refusal unless `allowed`. */
export async function authorize(c: AppContext, allowed: boolean, action: string, resource: Resource): Promise<void> {
  if (allowed) return;
  const principal = c.get("principal");
  await audit(c, c.get("deps").db, {
    action,
    outcome: "denied",
    resourceType: resource.type,
    resourceId: resource.id ?? null,
    district: resource.district ?? principal?.district ?? null,
    details: { method: c.req.method, path: c.req.path, roles: principal?.roles ?? [] },
  });
  throw new ApiException(403, "forbidden");
}
