/** The notification centre: what a signed-in user was told, and how they want to be told. */
import { z } from "zod";

/** What a notification is about; preferences are kept per kind. */
export const NotificationKind = z.enum(["notice", "task-assigned", "task-due-soon", "task-overdue"]);
export type NotificationKind = z.infer<typeof NotificationKind>;

/** Where a notification reaches its reader: the app's bell, email, or a WhatsApp/SMS gateway. */
export const NotificationChannelName = z.enum(["in-app", "email", "whatsapp-sms"]);
export type NotificationChannelName = z.infer<typeof NotificationChannelName>;

export const NotificationsQuery = z.object({
  unread: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  /** nextCursor of the previous page. */
  cursor: z.string().max(200).optional(),
});

export const NotificationItem = z.object({
  id: z.string(),
  kind: NotificationKind,
  title: z.string(),
  body: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  caseId: z.string().nullable(),
  taskId: z.string().nullable(),
  /** True when the text named fields of a sensitive case this reader may not see: it is withheld. */
  withheld: z.boolean(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationPage = z.object({
  items: z.array(NotificationItem),
  unreadCount: z.number().int().min(0),
  nextCursor: z.string().nullable(),
});
export type NotificationPage = z.infer<typeof NotificationPage>;

export const ReadAllResult = z.object({ marked: z.number().int().min(0) });

const channelList = z.array(NotificationChannelName).max(3);

export const NotificationPreferences = z.object({
  /** Where email goes; email is sent only with an address. */
  email: z.email().max(254).nullable(),
  /** E.164 number for the WhatsApp/SMS gateway (+62…). */
  phone: z
    .string()
    .regex(/^\+[1-9][0-9]{6,14}$/)
    .nullable(),
  /** Channels per kind; every kind is present in a response. */
  channels: z.record(NotificationKind, channelList),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** What the app uses for a kind the user never set: the bell only. */
export const DEFAULT_CHANNELS: readonly NotificationChannelName[] = ["in-app"];
