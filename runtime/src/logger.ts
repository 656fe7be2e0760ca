/** Structured JSON-line logs (pino); human-readable when LOG_PRETTY is set (npm run dev). */
import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(options: { level: string; pretty: boolean; name?: string }): Logger {
  return pino({
    name: options.name ?? "alur",
    level: options.level,
    redact: {
      paths: ["req.headers.cookie", "req.headers.authorization", "*.password", "*.passwordHash"],
      remove: true,
    },
    ...(options.pretty
      ? {
          transport: {
            target: "pino-pretty",
            options: { colorize: true, translateTime: "HH:MM:ss.l", ignore: "pid,hostname" },
          },
        }
      : {}),
  });
}
