import { NotificationPage, NotificationPreferences, NotificationsQuery, ReadAllResult } from "@alur/shared/api";
import { createRoute, z } from "@hono/zod-openapi";
import { errors, jsonBody, jsonResponse, SECURITY } from "../openapi";

export const list = createRoute({
  method: "get",
  path: "/notifications",
  tags: ["notifications"],
  summary: "My notifications (to me, or to my roles in my district), newest first, with the unread count",
  security: SECURITY,
  request: { query: NotificationsQuery },
  responses: { 200: jsonResponse(NotificationPage, "A page of notifications"), ...errors(400, 401) },
});

export const read = createRoute({
  method: "post",
  path: "/notifications/{id}/read",
  tags: ["notifications"],
  summary: "Mark one of my notifications read",
  security: SECURITY,
  request: { params: z.object({ id: z.string().max(100) }) },
  responses: { 204: { description: "Marked read" }, ...errors(401, 404) },
});

export const readAll = createRoute({
  method: "post",
  path: "/notifications/read-all",
  tags: ["notifications"],
  summary: "Mark all my notifications read",
  security: SECURITY,
  responses: { 200: jsonResponse(ReadAllResult, "How many were marked"), ...errors(401) },
});

export const getPreferences = createRoute({
  method: "get",
  path: "/me/notification-preferences",
  tags: ["notifications"],
  summary: "My notification channels per kind, and my email address and phone number for them",
  security: SECURITY,
  responses: { 200: jsonResponse(NotificationPreferences, "Preferences"), ...errors(401) },
});

export const putPreferences = createRoute({
  method: "put",
  path: "/me/notification-preferences",
  tags: ["notifications"],
  summary: "Replace my notification preferences (audited)",
  security: SECURITY,
  request: { body: jsonBody(NotificationPreferences) },
  responses: { 200: jsonResponse(NotificationPreferences, "Preferences as saved"), ...errors(400, 401) },
});
