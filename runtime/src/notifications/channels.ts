/**
 * Message channels: where a notification leaves Alur (email, a WhatsApp/SMS gateway). The delivery
 * sweeper is the only caller; an adapter sends one message and says how it failed.
 */
import type { NotificationChannelName } from "@alur/shared/api";

export interface OutgoingMessage {
  /** The delivery's id: the same on every attempt, the channel's idempotency key. */
  key: string;
  /** Email address or E.164 phone number. */
  to: string;
  subject: string;
  text: string;
}

export interface MessageChannel {
  name: NotificationChannelName;
  /**
   * True when the far side recognises a repeated key and drops the repeat (an HTTP gateway's
   * Idempotency-Key): an interrupted send may then be retried without a second message.
   */
  dedupesByKey: boolean;
  /** Sends the message; resolves with the far side's id for it. Throws a SendError on failure. */
  send(message: OutgoingMessage): Promise<{ providerId: string | null }>;
}

/**
 * A failed send. `notSent`: the far side certainly did not take the message (refused the
 * connection, or answered with an error), so retrying cannot duplicate it.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly notSent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SendError";
  }
}
