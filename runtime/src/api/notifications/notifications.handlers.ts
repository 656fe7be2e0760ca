import type { NotificationItem } from "@alur/shared/api";
import type { RouteHandler } from "@hono/zod-openapi";
import type { Principal } from "../../auth/principal";
import { hiddenFields, parsePrivacy } from "../../auth/privacy";
import { kindsHiddenInApp, preferencesOf, savePreferences } from "../../store/notification-preferences";
import {
  listForReader,
  markAllRead,
  markRead,
  type NotificationView,
  type Reader,
  textWithheld,
  unreadCount,
} from "../../store/notifications";
import { audit } from "../audit-trail";
import type { AppEnv } from "../context";
import { ApiException } from "../errors";
import { requirePrincipal } from "../middleware";
import type * as routes from "./notifications.routes";

function readerOf(p: Principal): Reader {
  return { userId: p.userId, district: p.district, roles: p.roles };
}

function encodeCursor(position: string): string {
  return Buffer.from(position, "utf8").toString("base64url");
}

function decodeCursor(cursor: string): { at: string; id: string } | undefined {
  const [at, id, ...rest] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!at || !id || rest.length > 0 || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/.test(at)) return undefined;
  return { at, id };
}

/**
 * A notification as this reader may see it: a text filled from fields of a sensitive case their
 * roles may not see is withheld (title and body replaced; the designer shows why), as the case
 * itself would hide those fields from them.
 */
function itemFor(p: Principal, v: NotificationView): NotificationItem {
  const data = v.row.data as { fields?: unknown; taskId?: unknown };
  const fields = Array.isArray(data.fields) ? data.fields.filter((f): f is string => typeof f === "string") : [];
  const withheld = textWithheld(fields, hiddenFields(parsePrivacy(v.privacy), p));
  return {
    id: v.row.id,
    kind: v.row.kind,
    title: withheld ? "Pemberitahuan (isi dilindungi)" : v.row.title,
    body: withheld ? "" : v.row.body,
    createdAt: new Date(v.row.created_at).toISOString(),
    readAt: v.readAt ? v.readAt.toISOString() : null,
    caseId: v.row.case_id,
    taskId: typeof data.taskId === "string" ? data.taskId : null,
    withheld,
  };
}

export const list: RouteHandler<typeof routes.list, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const q = c.req.valid("query");
  const after = q.cursor === undefined ? undefined : decodeCursor(q.cursor);
  if (q.cursor !== undefined && !after)
    throw new ApiException(400, "validation-failed", { issues: [{ path: "cursor", message: "malformed cursor" }] });
  const { db } = c.get("deps");
  const hiddenKinds = await kindsHiddenInApp(db, p.userId);
  const reader = readerOf(p);
  const views = await listForReader(db, reader, {
    unreadOnly: q.unread,
    limit: q.limit,
    hiddenKinds,
    ...(after ? { after } : {}),
  });
  const last = views.at(-1);
  return c.json(
    {
      items: views.map((v) => itemFor(p, v)),
      unreadCount: await unreadCount(db, reader, hiddenKinds),
      nextCursor: views.length === q.limit && last ? encodeCursor(last.position) : null,
    },
    200,
  );
};

export const read: RouteHandler<typeof routes.read, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const { id } = c.req.valid("param");
  const { db } = c.get("deps");
  if (!(await markRead(db, readerOf(p), id))) {
    // Not addressed to them: answered as unknown (no hint it exists), recorded as a refusal.
    await audit(c, db, {
      action: "notification.read",
      outcome: "denied",
      resourceType: "notification",
      resourceId: id,
      district: p.district,
      details: { method: c.req.method, path: c.req.path, roles: p.roles },
    });
    throw new ApiException(404, "not-found");
  }
  return c.body(null, 204);
};

export const readAll: RouteHandler<typeof routes.readAll, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  return c.json({ marked: await markAllRead(c.get("deps").db, readerOf(p)) }, 200);
};

export const getPreferences: RouteHandler<typeof routes.getPreferences, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  return c.json(await preferencesOf(c.get("deps").db, p.userId), 200);
};

export const putPreferences: RouteHandler<typeof routes.putPreferences, AppEnv> = async (c) => {
  const p = requirePrincipal(c);
  const body = c.req.valid("json");
  const { db } = c.get("deps");
  const before = await preferencesOf(db, p.userId);
  await savePreferences(db, p.userId, body, {
    actorId: p.userId,
    ip: c.get("ip"),
    action: "notification-preferences.update",
    outcome: "ok",
    resourceType: "user",
    resourceId: p.userId,
    district: p.district,
    before,
    after: body,
  });
  return c.json(await preferencesOf(db, p.userId), 200);
};
