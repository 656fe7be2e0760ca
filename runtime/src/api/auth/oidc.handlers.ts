/** OpenID Connect sign-in: redirect out with PKCE, come back, match or provision, sign in. */
import { randomUUID } from "node:crypto";
import type { RouteHandler } from "@hono/zod-openapi";
import { finishOidc, type MappedIdentity, mapClaims, startOidc } from "../../auth/oidc";
import { loadPrincipal } from "../../auth/principal";
import { createSession, sha256Hex } from "../../auth/sessions";
import { oidcEnabled } from "../../env";
import { insertOidcLogin, takeOidcLogin } from "../../store/oidc-logins";
import * as orgUnits from "../../store/org-units";
import * as roles from "../../store/roles";
import * as users from "../../store/users";
import { audit } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { setSessionCookies } from "./auth.handlers";
import type * as routes from "./oidc.routes";

const STATE_TTL_MS = 10 * 60 * 1000;

/** Only a path of this app (never another origin, not even `//host`). */
function safeReturnTo(value: string | undefined): string {
  return value && /^\/(?![/\\])/.test(value) ? value : "/tugas";
}

function toLogin(c: AppContext, code: "sso-unavailable" | "sso-failed" | "sso-no-access") {
  return c.redirect(`/masuk?sso=${code}`, 302);
}

export const oidcConfig: RouteHandler<typeof routes.oidcConfig, AppEnv> = async (c) => {
  const { env } = c.get("deps");
  return c.json({ enabled: oidcEnabled(env), label: env.OIDC_LABEL }, 200);
};

export const oidcStart: RouteHandler<typeof routes.oidcStart, AppEnv> = async (c) => {
  const { env, db, logger } = c.get("deps");
  if (!oidcEnabled(env)) return toLogin(c, "sso-unavailable");
  let start: Awaited<ReturnType<typeof startOidc>>;
  try {
    start = await startOidc(env);
  } catch (error) {
    logger.warn({ err: error }, "OpenID Connect provider unreachable");
    return toLogin(c, "sso-unavailable");
  }
  await insertOidcLogin(db, {
    id: sha256Hex(start.state),
    codeVerifier: start.codeVerifier,
    nonce: start.nonce,
    returnTo: safeReturnTo(c.req.valid("query").returnTo),
    expiresAt: new Date(Date.now() + STATE_TTL_MS),
  });
  return c.redirect(start.url.href, 302);
};

export const oidcCallback: RouteHandler<typeof routes.oidcCallback, AppEnv> = async (c) => {
  const { env, db, logger } = c.get("deps");
  if (!oidcEnabled(env)) return toLogin(c, "sso-unavailable");
  const { state } = c.req.valid("query");
  const refuse = async (reason: string, code: "sso-failed" | "sso-no-access", resourceId: string | null = null) => {
    await audit(c, db, {
      actorId: null,
      action: "auth.login",
      outcome: "denied",
      resourceType: "user",
      resourceId,
      details: { sso: true, reason },
    });
    return toLogin(c, code);
  };
  const pending = state ? await takeOidcLogin(db, sha256Hex(state)) : undefined;
  if (!state || !pending) return refuse("unknown-or-expired-state", "sso-failed");
  let identity: MappedIdentity;
  try {
    const claims = await finishOidc(env, new URL(c.req.url).search, {
      state,
      codeVerifier: pending.code_verifier,
      nonce: pending.nonce,
    });
    const known = await roles.knownRoleIds(
      db,
      (await roles.listRoles(db)).map((r) => r.id),
    );
    identity = mapClaims(env, claims, known);
  } catch (error) {
    logger.warn({ err: error }, "OpenID Connect callback refused");
    return refuse("code-exchange-failed", "sso-failed");
  }
  const subjectRef = `${identity.issuer}#${identity.subject}`.slice(0, 300);
  const unit = identity.district ? await orgUnits.findOrgUnit(db, identity.district) : undefined;
  if (unit?.kind !== "district" || identity.roles.length === 0) {
    return refuse("no-district-or-role", "sso-no-access", subjectRef);
  }
  const userId = await matchOrProvision(c, identity, unit.id, unit.code);
  if (!userId) return refuse("account-disabled", "sso-no-access", subjectRef);
  const principal = await loadPrincipal(db, userId);
  if (!principal) return refuse("account-disabled", "sso-no-access", subjectRef);
  const session = await createSession(db, { userId, ip: c.get("ip"), userAgent: c.req.header("user-agent") ?? null });
  await audit(c, db, {
    actorId: userId,
    action: "auth.login",
    outcome: "ok",
    resourceType: "user",
    resourceId: userId,
    district: principal.district,
    details: { mode: "cookie", sso: true, issuer: identity.issuer },
  });
  setSessionCookies(c, env, session);
  return c.redirect(pending.return_to, 302);
};

/**
 * The account of this identity (matched by issuer and subject), its district and roles brought in
 * line with the claims; a first sign-in creates it. Undefined for a disabled account.
 */
async function matchOrProvision(
  c: AppContext,
  identity: MappedIdentity,
  orgUnitId: string,
  district: string,
): Promise<string | undefined> {
  const { db } = c.get("deps");
  const existing = await users.findByOidcIdentity(db, identity.issuer, identity.subject);
  if (existing) {
    if (existing.disabled) return undefined;
    const [before] = await users.findUsers(db, { ids: [existing.id] });
    const changed =
      before!.district !== district ||
      before!.displayName !== identity.displayName ||
      before!.roles.join(",") !== identity.roles.join(",");
    if (changed) {
      await db.transaction().execute(async (tx) => {
        await users.updateUser(tx, existing.id, {
          displayName: identity.displayName,
          orgUnitId,
          district,
          roles: identity.roles,
        });
        await audit(c, tx, {
          actorId: existing.id,
          action: "user.sso-sync",
          outcome: "ok",
          resourceType: "user",
          resourceId: existing.id,
          district,
          before: { displayName: before!.displayName, district: before!.district, roles: before!.roles },
          after: { displayName: identity.displayName, district, roles: identity.roles },
        });
      });
    }
    return existing.id;
  }
  // a new account; its username must not collide with a local one (no linking by name)
  const taken = await users.takenUsernames(db, [identity.username]);
  const username = taken.has(identity.username)
    ? `${identity.username.slice(0, 45)}-sso-${sha256Hex(identity.subject).slice(0, 6)}`
    : identity.username;
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    const inserted = await users.insertUser(tx, {
      id,
      username,
      displayName: identity.displayName,
      // no password signs in to an SSO account: this is no PHC string
      passwordHash: "!sso",
      orgUnitId,
      district,
      roles: identity.roles,
      oidc: { issuer: identity.issuer, subject: identity.subject },
    });
    if (!inserted) throw new Error(`username ${username} taken meanwhile`);
    await audit(c, tx, {
      actorId: id,
      action: "user.create",
      outcome: "ok",
      resourceType: "user",
      resourceId: id,
      district,
      after: { username, displayName: identity.displayName, orgUnitId, roles: identity.roles },
      details: { sso: true, issuer: identity.issuer, subject: identity.subject },
    });
  });
  return id;
}
