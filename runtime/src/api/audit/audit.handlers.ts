import type { AuditEntry } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import { canReadAudit } from "../../auth/policy";
import type { Principal } from "../../auth/principal";
import { hiddenFields, parsePrivacy, purgePersonal, redact } from "../../auth/privacy";
import { listAudit } from "../../store/audit";
import type { AppEnv } from "../context";
import { authorize, requirePrincipal } from "../middleware";
import type * as routes from "./audit.routes";

type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/**
 * An entry as the reader may see it: about a case (or its task) of a sensitive service, the values
 * of fields their roles may not see are left out, as in the case itself (an audit reader is an
 * admin, and admins see restricted fields only when listed); about a case purged under retention,
 * its personal data reads as purged (the append-only log keeps what it recorded).
 */
function entryFor(p: Principal) {
  return (r: AuditRow): AuditEntry => {
    const privacy = parsePrivacy(r.privacy);
    const hidden = hiddenFields(privacy, p);
    const shown = <T>(value: T): T => redact(r.case_purged_at ? purgePersonal(value, privacy) : value, hidden);
    return {
      id: Number(r.id),
      at: new Date(r.at).toISOString(),
      actorId: r.actor_id,
      ip: r.ip,
      action: r.action,
      outcome: r.outcome,
      resourceType: r.resource_type,
      resourceId: r.resource_id,
      district: r.district,
      before: shown(r.before),
      after: shown(r.after),
      details: shown(r.details),
      ...(hidden.size > 0 ? { withheld: { fields: [...hidden] } } : {}),
    };
  };
}

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
  const items = rows.map(entryFor(p));
  return c.json({ items, nextBefore: items.length === q.limit ? (items.at(-1)?.id ?? null) : null }, 200);
};
