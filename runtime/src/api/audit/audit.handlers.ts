import type { RouteHandler } from "@hono/zod-openapi";
import { canReadAudit } from "../../auth/policy";
import { listAudit } from "../../store/audit";
import type { AppEnv } from "../context";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./audit.routes";

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  // A district admin reads their district; only a super admin may read everything.
  const district = q.district ?? (p.isSuperAdmin ? undefined : p.district);
  await authorize(c, canReadAudit(p, district ?? null), "audit.read", { type: "audit", district: district ?? null });
  const rows = await listAudit(c.get("deps").db, {
    district,
    outcome: q.outcome,
    actorId: q.actorId,
    before: q.before,
    limit: q.limit,
  });
  const items = rows.map((r) => ({
    id: Number(r.id),
    at: new Date(r.at).toISOString(),
    actorId: r.actor_id,
    ip: r.ip,
    action: r.action,
    outcome: r.outcome,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    district: r.district,
    before: r.before,
    after: r.after,
    details: r.details,
  }));
  return c.json({ items, nextBefore: items.length === q.limit ? (items.at(-1)?.id ?? null) : null }, 200);
};
