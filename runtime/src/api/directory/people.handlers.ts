/** User administration: accounts, their roles and districts, passwords, CSV import, acting officials. */
import { randomBytes, randomUUID } from "node:crypto";
import type { UserView } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import { hashPassword } from "../../auth/password";
import { canAdminister, canGrantRoles, canManageUser } from "../../auth/policy";
import { jakartaDate, type Principal } from "../../auth/principal";
import { DISTRICT_ADMIN, SUPER_ADMIN } from "../../auth/roles";
import * as acting from "../../store/acting";
import type { Db } from "../../store/db";
import * as orgUnits from "../../store/org-units";
import * as roles from "../../store/roles";
import * as users from "../../store/users";
import { audit, auditAll } from "../audit-trail";
import type { AppContext, AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./people.routes";
import { checkImport, parseImport } from "./user-import";

/** A temporary password: 72 random bits, 12 characters. */
function temporaryPassword(): string {
  return randomBytes(9).toString("base64url");
}

async function userOr404(db: Db, userId: string): Promise<UserView> {
  const [user] = await users.findUsers(db, { ids: [userId] });
  if (!user) throw new ApiException(404, "not-found");
  return user;
}

/** The unit an account is placed in, and the district it gives (null for national/provincial). */
async function placement(db: Db, orgUnitId: string) {
  const unit = await orgUnits.findOrgUnit(db, orgUnitId);
  if (!unit) throw new ApiException(404, "not-found", { orgUnitId });
  return { unit, district: unit.kind === "district" ? unit.code : null };
}

/** 400 unless every role exists and fits the unit (district-level roles need a district). */
async function checkRoles(db: Db, wanted: string[], district: string | null): Promise<void> {
  const known = await roles.knownRoleIds(db, wanted);
  const unknown = wanted.filter((r) => !known.has(r));
  const misplaced = district === null ? wanted.filter((r) => r === DISTRICT_ADMIN) : [];
  if (unknown.length > 0 || misplaced.length > 0) throw new ApiException(400, "roles-invalid", { unknown, misplaced });
}

/** Authorizes managing `user` (as it is and, for a change, as it would be), auditing a refusal. */
async function mayManage(
  c: AppContext,
  p: Principal,
  action: string,
  target: { id?: string; district: string | null; roles: readonly string[] },
  granted: readonly string[] = [],
) {
  await authorize(c, canManageUser(p, target) && canGrantRoles(p, granted), action, {
    type: "user",
    id: target.id ?? null,
    district: target.district,
  });
}

export const createUser: RouteHandler<typeof routes.createUser, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const { unit, district } = await placement(db, body.orgUnitId);
  // national/provincial accounts are the super admin's to make
  const allowed = canManageUser(p, { district, roles: body.roles }) && canGrantRoles(p, body.roles);
  await authorize(c, allowed && (district !== null || p.isSuperAdmin), "user.create", {
    type: "user",
    id: body.username,
    district,
  });
  await checkRoles(db, body.roles, district);
  const generated = body.password === undefined ? temporaryPassword() : undefined;
  const mustChange = generated !== undefined || body.mustChangePassword === true;
  const id = randomUUID();
  const passwordHash = await hashPassword(body.password ?? generated!);
  const created = await db.transaction().execute(async (tx) => {
    const inserted = await users.insertUser(tx, {
      id,
      username: body.username,
      displayName: body.displayName,
      passwordHash,
      orgUnitId: unit.id,
      district,
      roles: body.roles,
      mustChangePassword: mustChange,
    });
    if (!inserted) return false;
    await audit(c, tx, {
      action: "user.create",
      outcome: "ok",
      resourceType: "user",
      resourceId: id,
      district,
      after: { username: body.username, displayName: body.displayName, orgUnitId: unit.id, roles: body.roles },
      details: { temporaryPassword: generated !== undefined, mustChangePassword: mustChange },
    });
    return true;
  });
  if (!created) throw new ApiException(409, "username-taken");
  const view = await userOr404(db, id);
  return c.json({ ...view, ...(generated ? { temporaryPassword: generated } : {}) }, 201);
};

/**
 * An admin does not lock themselves out: their own account is not disabled, reset or moved to
 * other roles or another unit through the administration routes (their own password is changed at
 * /auth/password; another admin changes the rest). Refused with 409, audited.
 */
async function notOwnAccount(c: AppContext, p: Principal, userId: string, action: string): Promise<void> {
  if (userId !== p.userId) return;
  await audit(c, c.get("deps").db, {
    action,
    outcome: "denied",
    resourceType: "user",
    resourceId: userId,
    district: p.district,
    details: { reason: "own-account" },
  });
  throw new ApiException(409, "own-account");
}

export const updateUser: RouteHandler<typeof routes.updateUser, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { userId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const before = await userOr404(db, userId);
  if (body.roles !== undefined || body.orgUnitId !== undefined) await notOwnAccount(c, p, userId, "user.update");
  const target = body.orgUnitId ? await placement(db, body.orgUnitId) : undefined;
  const district = target ? target.district : before.district;
  const nextRoles = body.roles ?? before.roles;
  const granted = nextRoles.filter((r) => !before.roles.includes(r));
  // allowed over the account as it is and as it would be: no one moves an account out of reach
  await mayManage(c, p, "user.update", before, granted);
  await mayManage(c, p, "user.update", { id: userId, district, roles: nextRoles }, granted);
  if (body.roles || target) await checkRoles(db, nextRoles, district);
  // an SSO account's roles and district come from its identity provider at each sign-in
  await db.transaction().execute(async (tx) => {
    await users.updateUser(tx, userId, {
      ...(body.displayName !== undefined ? { displayName: body.displayName } : {}),
      ...(target ? { orgUnitId: target.unit.id, district } : {}),
      ...(body.roles ? { roles: body.roles } : {}),
    });
    await audit(c, tx, {
      action: "user.update",
      outcome: "ok",
      resourceType: "user",
      resourceId: userId,
      district,
      before: { displayName: before.displayName, orgUnitId: before.orgUnitId, roles: before.roles },
      after: {
        displayName: body.displayName ?? before.displayName,
        orgUnitId: target?.unit.id ?? before.orgUnitId,
        roles: nextRoles,
      },
    });
  });
  return c.json(await userOr404(db, userId), 200);
};

export const disableUser: RouteHandler<typeof routes.disableUser, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { userId } = c.req.valid("param");
  const { db } = c.get("deps");
  const before = await userOr404(db, userId);
  await notOwnAccount(c, p, userId, "user.disable");
  await mayManage(c, p, "user.disable", before);
  await db.transaction().execute(async (tx) => {
    await users.disableUser(tx, userId);
    await audit(c, tx, {
      action: "user.disable",
      outcome: "ok",
      resourceType: "user",
      resourceId: userId,
      district: before.district,
      before: { disabled: before.disabled },
      after: { disabled: true },
    });
  });
  return c.json({ ...before, disabled: true }, 200);
};

export const enableUser: RouteHandler<typeof routes.enableUser, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { userId } = c.req.valid("param");
  const { db } = c.get("deps");
  const before = await userOr404(db, userId);
  await mayManage(c, p, "user.enable", before);
  await db.transaction().execute(async (tx) => {
    await users.enableUser(tx, userId);
    await audit(c, tx, {
      action: "user.enable",
      outcome: "ok",
      resourceType: "user",
      resourceId: userId,
      district: before.district,
      before: { disabled: before.disabled },
      after: { disabled: false },
    });
  });
  return c.json({ ...before, disabled: false }, 200);
};

export const resetPassword: RouteHandler<typeof routes.resetPassword, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { userId } = c.req.valid("param");
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const before = await userOr404(db, userId);
  await notOwnAccount(c, p, userId, "user.reset-password");
  await mayManage(c, p, "user.reset-password", before);
  if (before.sso) throw new ApiException(409, "sso-account");
  const generated = body.password === undefined ? temporaryPassword() : undefined;
  const mustChange = generated !== undefined || body.mustChangePassword !== false;
  const passwordHash = await hashPassword(body.password ?? generated!);
  await db.transaction().execute(async (tx) => {
    await users.setPassword(tx, userId, { passwordHash, mustChange });
    await audit(c, tx, {
      action: "user.reset-password",
      outcome: "ok",
      resourceType: "user",
      resourceId: userId,
      district: before.district,
      details: { temporaryPassword: generated !== undefined, mustChangePassword: mustChange },
    });
  });
  const user = await userOr404(db, userId);
  return c.json({ user, ...(generated ? { temporaryPassword: generated } : {}) }, 200);
};

export const importUsers: RouteHandler<typeof routes.importUsers, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { csv } = c.req.valid("json");
  const { db } = c.get("deps");
  await authorize(c, p.isSuperAdmin || p.isDistrictAdmin, "user.import", { type: "user", district: p.district });
  const parsed = parseImport(csv);
  if (!parsed.ok) {
    await audit(c, db, {
      action: "user.import",
      outcome: "denied",
      resourceType: "user",
      district: p.district,
      details: { reason: "unreadable", line: parsed.line },
    });
    throw new ApiException(422, "import-invalid", {
      rows: [{ line: parsed.line, username: "", ok: false, errors: [parsed.error] }],
    });
  }
  const wanted = [...new Set(parsed.rows.flatMap((r) => r.roles))];
  const units = await orgUnits.listOrgUnits(db);
  const checked = checkImport(parsed.rows, {
    orgUnits: new Map(units.map((u) => [u.id, u])),
    knownRoles: await roles.knownRoleIds(
      db,
      wanted.filter((r) => r.length <= 50),
    ),
    takenUsernames: await users.takenUsernames(
      db,
      parsed.rows.map((r) => r.username).filter((u) => u.length <= 60),
    ),
    mayManage: (district) => canAdminister(p, district),
    mayGrant: (granted) => canGrantRoles(p, granted),
  });
  const bad = checked.filter((r) => r.errors.length > 0);
  if (bad.length > 0) {
    await audit(c, db, {
      action: "user.import",
      outcome: "denied",
      resourceType: "user",
      district: p.district,
      details: { rows: checked.length, badLines: bad.map((r) => r.line) },
    });
    throw new ApiException(422, "import-invalid", {
      rows: checked.map((r) => ({ line: r.line, username: r.username, ok: r.errors.length === 0, errors: r.errors })),
    });
  }
  const prepared = await Promise.all(
    checked.map(async (r) => {
      const generated = r.password === undefined ? temporaryPassword() : undefined;
      return { row: r, id: randomUUID(), generated, hash: await hashPassword(r.password ?? generated!) };
    }),
  );
  // one transaction: a username taken meanwhile rolls everything back
  await db.transaction().execute(async (tx) => {
    for (const { row, id, generated, hash } of prepared) {
      const inserted = await users.insertUser(tx, {
        id,
        username: row.username,
        displayName: row.displayName.trim(),
        passwordHash: hash,
        orgUnitId: row.orgUnitId,
        district: row.district,
        roles: row.roles,
        mustChangePassword: generated !== undefined,
      });
      if (!inserted) throw new ApiException(409, "username-taken", { username: row.username, line: row.line });
    }
    await auditAll(
      c,
      tx,
      prepared.map(({ row, id, generated }) => ({
        action: "user.create",
        outcome: "ok" as const,
        resourceType: "user",
        resourceId: id,
        district: row.district,
        after: {
          username: row.username,
          displayName: row.displayName.trim(),
          orgUnitId: row.orgUnitId,
          roles: row.roles,
        },
        details: { import: true, line: row.line, temporaryPassword: generated !== undefined },
      })),
    );
  });
  return c.json(
    {
      imported: prepared.length,
      rows: prepared.map(({ row, id, generated }) => ({
        line: row.line,
        username: row.username,
        ok: true,
        errors: [] as { id: string; en: string }[],
        userId: id,
        ...(generated ? { temporaryPassword: generated } : {}),
      })),
    },
    201,
  );
};

function actingView(row: acting.ActingRow, today = jakartaDate()) {
  return {
    id: row.id,
    userId: row.user_id,
    displayName: row.display_name,
    district: row.district,
    kind: row.kind,
    position: row.position,
    roles: row.roles,
    from: row.starts_on,
    to: row.ends_on,
    reason: row.reason,
    createdBy: row.created_by,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    activeNow: row.revoked_at === null && row.starts_on <= today && today <= row.ends_on,
  };
}

export const listActing: RouteHandler<typeof routes.listActing, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const district = c.req.valid("query").district ?? p.district;
  await authorize(c, district !== null && canAdminister(p, district), "acting.list", { type: "acting", district });
  const rows = await acting.listActing(c.get("deps").db, { district });
  return c.json({ items: rows.map((r) => actingView(r)) }, 200);
};

export const createActing: RouteHandler<typeof routes.createActing, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const user = await userOr404(db, body.userId);
  await authorize(
    c,
    user.district !== null && canManageUser(p, user) && canGrantRoles(p, body.roles),
    "acting.create",
    { type: "acting", id: body.userId, district: user.district },
  );
  await checkRoles(db, body.roles, user.district);
  if (body.roles.includes(SUPER_ADMIN)) throw new ApiException(400, "roles-invalid", { misplaced: [SUPER_ADMIN] });
  const id = randomUUID();
  await db.transaction().execute(async (tx) => {
    await acting.insertActing(tx, { ...body, id, district: user.district!, createdBy: p.userId });
    await audit(c, tx, {
      action: "acting.create",
      outcome: "ok",
      resourceType: "acting",
      resourceId: id,
      district: user.district,
      after: {
        userId: body.userId,
        kind: body.kind,
        position: body.position,
        roles: body.roles,
        from: body.from,
        to: body.to,
      },
      details: { reason: body.reason },
    });
  });
  const row = await acting.findActing(db, id);
  return c.json(actingView(row!), 201);
};

export const revokeActing: RouteHandler<typeof routes.revokeActing, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { actingId } = c.req.valid("param");
  const { db } = c.get("deps");
  const row = await acting.findActing(db, actingId);
  if (!row) throw new ApiException(404, "not-found");
  await authorize(c, canAdminister(p, row.district), "acting.revoke", {
    type: "acting",
    id: actingId,
    district: row.district,
  });
  const revoked = await db.transaction().execute(async (tx) => {
    if (!(await acting.revokeActing(tx, actingId))) return false;
    await audit(c, tx, {
      action: "acting.revoke",
      outcome: "ok",
      resourceType: "acting",
      resourceId: actingId,
      district: row.district,
      before: { from: row.starts_on, to: row.ends_on, roles: row.roles },
    });
    return true;
  });
  if (!revoked) throw new ApiException(409, "acting-not-active");
  return c.json(actingView((await acting.findActing(db, actingId))!), 200);
};
