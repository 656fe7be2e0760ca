import type { RouteHandler } from "@hono/zod-openapi";
import { canAdminister } from "../../auth/policy";
import { SUPER_ADMIN } from "../../auth/roles";
import { disableDemoAccounts } from "../../auth/seed-demo";
import * as orgUnits from "../../store/org-units";
import * as roles from "../../store/roles";
import * as users from "../../store/users";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./directory.routes";

export const listOrgUnits: RouteHandler<typeof routes.listOrgUnits, AppEnv> = async (c) => {
  requirePrincipal(c);
  const rows = await orgUnits.listOrgUnits(c.get("deps").db);
  return c.json(
    {
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        code: r.code,
        name: r.name,
        abbreviation: r.abbreviation,
        parentId: r.parent_id,
      })),
    },
    200,
  );
};

export const listRoles: RouteHandler<typeof routes.listRoles, AppEnv> = async (c) => {
  requirePrincipal(c);
  const rows = await roles.listRoles(c.get("deps").db);
  return c.json(
    { items: rows.map((r) => ({ id: r.id, nameId: r.name_id, nameEn: r.name_en, kind: r.kind, isHead: r.is_head })) },
    200,
  );
};

export const createRole: RouteHandler<typeof routes.createRole, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  await authorize(c, p.isSuperAdmin || p.isDistrictAdmin, "role.create", { type: "role", id: body.id });
  const { db } = c.get("deps");
  const inserted = await db.transaction().execute(async (tx) => {
    const r = await roles.insertRole(tx, { ...body, createdBy: p.userId });
    if (r) {
      await audit(c, tx, {
        action: "role.create",
        outcome: "ok",
        resourceType: "role",
        resourceId: body.id,
        district: p.district,
        after: body,
      });
    }
    return r;
  });
  if (!inserted) throw new ApiException(409, "role-exists");
  return c.json(
    { id: body.id, nameId: body.nameId, nameEn: body.nameEn, kind: "staff" as const, isHead: body.isHead },
    201,
  );
};

export const listUsers: RouteHandler<typeof routes.listUsers, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const query = c.req.valid("query");
  const district = query.district ?? p.district;
  await authorize(c, canAdminister(p, district), "user.list", { type: "user", district });
  const items = await users.findUsers(c.get("deps").db, { district, ...(query.role ? { roles: [query.role] } : {}) });
  return c.json({ items }, 200);
};

export const disableDemoUsers: RouteHandler<typeof routes.disableDemoUsers, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { db } = c.get("deps");
  await authorize(c, p.isSuperAdmin, "user.disable-demo", { type: "user", district: null });
  // Someone must still be able to administer Alur afterwards.
  if (!(await users.hasRealSuperAdmin(db, SUPER_ADMIN))) throw new ApiException(409, "no-other-super-admin");
  const disabled = await disableDemoAccounts(db, { actorId: p.userId, ip: c.get("ip") });
  return c.json({ disabled }, 200);
};
