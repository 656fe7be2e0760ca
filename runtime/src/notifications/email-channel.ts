/** The email channel: SMTP through nodemailer, one message per delivery. */
import nodemailer from "nodemailer";
import { type MessageChannel, SendError } from "./channels";

// nodemailer codes for failures before the server could have taken the message
const NOT_SENT_CODES = new Set(["ECONNECTION", "EDNS", "ETLS", "EAUTH", "EENVELOPE", "EMESSAGE"]);

/** An email channel on `smtpUrl` (smtp:// or smtps://). */
export function emailChannel(options: { smtpUrl: string; from: string; timeoutMs?: number }): MessageChannel {
  const timeout = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport(options.smtpUrl, {
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  } as never);
  return {
    name: "email",
    dedupesByKey: false,
    async send(message) {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.to,
          subject: message.subject,
          text: message.text,
          // The delivery id makes the Message-ID: a copy that does arrive twice is one message to mail clients.
          messageId: `<${message.key}@alur.notifications>`,
          headers: { "X-Alur-Delivery": message.key },
        });
        return { providerId: info.messageId ?? null };
      } catch (error) {
        const e = error as { code?: string; command?: string; responseCode?: number; message?: string };
        // A reply code means the server answered (and refused); failing at a command before DATA
        // (CONN, EHLO, MAIL FROM, RCPT TO) sent nothing; a connection lost during DATA may have delivered.
        const notSent =
          typeof e.responseCode === "number" ||
          (e.command !== undefined && e.command !== "DATA") ||
          (e.code !== undefined && NOT_SENT_CODES.has(e.code));
        throw new SendError(`smtp: ${e.message ?? String(error)}`, notSent, { cause: error });
      }
    },
  };
}
