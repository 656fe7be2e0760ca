/** The signed-in user's notifications and notification preferences. */
import { NotificationPage, NotificationPreferences } from "@alur/shared/api";
import { queryOptions } from "@tanstack/react-query";
import { query, request } from "../http";
import { paths } from "../paths";

export const notificationKeys = {
  all: ["notifications"] as const,
  list: (limit: number) => ["notifications", "list", limit] as const,
  preferences: ["notifications", "preferences"] as const,
};

/** The newest notifications with the unread count, refreshed every half minute for the bell. */
export const notificationsQuery = (limit = 20) =>
  queryOptions({
    queryKey: notificationKeys.list(limit),
    queryFn: ({ signal }) => request(NotificationPage, `${paths.notifications}${query({ limit })}`, { signal }),
    refetchInterval: 30_000,
  });

export const notificationPreferencesQuery = () =>
  queryOptions({
    queryKey: notificationKeys.preferences,
    queryFn: ({ signal }) => request(NotificationPreferences, paths.notificationPreferences, { signal }),
  });
