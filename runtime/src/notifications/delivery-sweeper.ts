/**
 * Sends the outbox of notification deliveries (store/notification-deliveries) through the
 * configured channels, retrying failures with back-off. Runs in every API process; rows are shared
 * through a SKIP LOCKED lease, so each is in one process's hands at a time.
 *
 * Once, not twice: a row is marked `sending` (committed) before the send and `sent` after it. A
 * process that dies in between leaves the row `sending`; when its lease runs out the next sweep
 * finds it interrupted and cannot know whether the message went out. Then:
 * - email is AT MOST ONCE: SMTP servers do not drop repeats, so the row becomes `unconfirmed` and
 *   is never sent again (the reader still has it in the app's bell). Its Message-ID is the
 *   delivery id, so a copy a relay does duplicate is one message to mail clients.
 * - the WhatsApp/SMS gateway is AT LEAST ONCE on our side and once for the reader: the retry
 *   carries the same Idempotency-Key (the delivery id), which the gateway uses to drop the repeat.
 * A failure the channel says certainly did not send (refused, answered with an error) is retried
 * on every channel, up to MAX_ATTEMPTS.
 */
import type { NotificationChannelName } from "@alur/shared/api";
import type { Env } from "../env";
import type { Logger } from "../logger";
import type { Db } from "../store/db";
import {
  type DueDelivery,
  markDelivered,
  markDeliveryFailed,
  markUnconfirmed,
  takeDueDeliveries,
} from "../store/notification-deliveries";
import { type Sweeper, startSweeper } from "../sweeper";
import { type MessageChannel, type OutgoingMessage, SendError } from "./channels";
import { emailChannel } from "./email-channel";
import { httpGatewayChannel } from "./http-gateway-channel";

/** Attempts before a delivery is given up (`failed`). */
const MAX_ATTEMPTS = 8;
/** How long a taken row is left alone by other processes: longer than any one send may take. */
export const LEASE_SECONDS = 120;

export interface DeliveryDeps {
  db: Db;
  logger: Logger;
  channels: MessageChannel[];
}

/** The channels the settings turn on (none when SMTP_URL and WA_GATEWAY_URL are unset). */
export function channelsFromEnv(
  env: Pick<Env, "SMTP_URL" | "SMTP_FROM" | "WA_GATEWAY_URL" | "WA_GATEWAY_TOKEN">,
): MessageChannel[] {
  const channels: MessageChannel[] = [];
  if (env.SMTP_URL) channels.push(emailChannel({ smtpUrl: env.SMTP_URL, from: env.SMTP_FROM }));
  if (env.WA_GATEWAY_URL)
    channels.push(
      httpGatewayChannel({ url: env.WA_GATEWAY_URL, ...(env.WA_GATEWAY_TOKEN ? { token: env.WA_GATEWAY_TOKEN } : {}) }),
    );
  return channels;
}

/** The message a delivery sends; a withheld text becomes a pointer to the app. */
export function messageFor(d: DueDelivery): OutgoingMessage {
  if (d.withheld)
    return {
      key: d.id,
      to: d.address,
      subject: "Pemberitahuan baru di Alur / New notification in Alur",
      text:
        "Ada pemberitahuan tentang kasus yang datanya dilindungi. Buka Alur untuk membacanya.\n" +
        "There is a notification about a case with protected data. Open Alur to read it.",
    };
  return { key: d.id, to: d.address, subject: d.title, text: d.body };
}

export interface SweepOptions {
  limit?: number;
  leaseSeconds?: number;
  /** Called once the channel has taken a message and before that is recorded (tests crash here). */
  afterSend?: (delivery: DueDelivery) => void | Promise<void>;
}

/** One sweep: sends the due deliveries; returns how many were sent, retried or left unconfirmed. */
export async function sweepDeliveries(deps: DeliveryDeps, options: SweepOptions = {}) {
  const byName = new Map<NotificationChannelName, MessageChannel>(deps.channels.map((c) => [c.name, c]));
  const due = await takeDueDeliveries(deps.db, {
    channels: [...byName.keys()],
    limit: options.limit ?? 20,
    leaseSeconds: options.leaseSeconds ?? LEASE_SECONDS,
  });
  const counts = { due: due.length, sent: 0, failed: 0, unconfirmed: 0 };
  for (const delivery of due) {
    const channel = byName.get(delivery.channel);
    if (!channel) continue;
    if (delivery.interrupted && !channel.dedupesByKey) {
      deps.logger.warn({ delivery: delivery.id, channel: channel.name }, "interrupted send not repeated");
      await markUnconfirmed(
        deps.db,
        delivery.id,
        "an earlier attempt stopped between sending and recording; not sent again (at most once)",
      );
      counts.unconfirmed++;
      continue;
    }
    let providerId: string | null;
    try {
      ({ providerId } = await channel.send(messageFor(delivery)));
    } catch (error) {
      const notSent = error instanceof SendError ? error.notSent : false;
      const message = error instanceof Error ? error.message : String(error);
      deps.logger.warn(
        { err: error, delivery: delivery.id, attempts: delivery.attempts },
        "notification delivery failed",
      );
      if (notSent || channel.dedupesByKey) {
        await markDeliveryFailed(deps.db, delivery.id, delivery.attempts, message, MAX_ATTEMPTS);
        counts.failed++;
      } else {
        await markUnconfirmed(deps.db, delivery.id, `may have been sent: ${message}`.slice(0, 2000));
        counts.unconfirmed++;
      }
      continue;
    }
    await options.afterSend?.(delivery);
    await markDelivered(deps.db, delivery.id, providerId);
    counts.sent++;
  }
  return counts;
}

/** Runs sweepDeliveries every `intervalMs` (one sweep at a time) until stopped; nothing without channels. */
export function startDeliverySweeper(deps: DeliveryDeps, intervalMs = 5_000): Sweeper {
  if (deps.channels.length === 0) return { stop: async () => {} };
  return startSweeper("notification delivery sweep", () => sweepDeliveries(deps), { intervalMs, logger: deps.logger });
}
