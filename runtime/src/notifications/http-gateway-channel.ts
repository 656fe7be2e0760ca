/**
 * The WhatsApp/SMS channel: POSTs `{ to, text, key }` as JSON to a gateway URL (the office's
 * provider, or a relay in front of it), with the delivery id as the Idempotency-Key header so the
 * gateway drops a repeat.
 */
import { type MessageChannel, SendError } from "./channels";

const NOT_SENT_ERRNOS = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH"]);

export function httpGatewayChannel(options: {
  url: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}): MessageChannel {
  const doFetch = options.fetch ?? fetch;
  return {
    name: "whatsapp-sms",
    dedupesByKey: true,
    async send(message) {
      let res: Response;
      try {
        res = await doFetch(options.url, {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "idempotency-key": message.key,
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({
            to: message.to,
            text: `${message.subject}\n${message.text}`.trim(),
            key: message.key,
          }),
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
          redirect: "error",
        });
      } catch (error) {
        const code = (error as { cause?: { code?: string } }).cause?.code;
        throw new SendError(`gateway: ${(error as Error).message}`, code !== undefined && NOT_SENT_ERRNOS.has(code), {
          cause: error,
        });
      }
      const text = await res.text().catch(() => "");
      if (!res.ok) throw new SendError(`gateway: HTTP ${res.status} ${text.slice(0, 200)}`, true);
      let providerId: string | null = null;
      try {
        const body = JSON.parse(text) as { id?: unknown };
        if (typeof body.id === "string") providerId = body.id;
      } catch {
        // a gateway that answers without JSON still took the message
      }
      return { providerId };
    },
  };
}
