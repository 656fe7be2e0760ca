/** Marking notifications read and saving preferences. */
import { NotificationPreferences, ReadAllResult } from "@alur/shared/api";
import { z } from "zod";
import { request } from "../http";
import { paths } from "../paths";

export const markNotificationRead = (id: string) => request(z.null(), paths.notificationRead(id), { method: "POST" });

export const markAllNotificationsRead = () => request(ReadAllResult, paths.notificationsReadAll, { method: "POST" });

export const saveNotificationPreferences = (prefs: NotificationPreferences) =>
  request(NotificationPreferences, paths.notificationPreferences, {
    method: "PUT",
    body: NotificationPreferences.parse(prefs),
  });
