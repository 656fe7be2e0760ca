/**
 * Every request gets an id (X-Request-Id, kept when a proxy sent one) and one JSON log line when it
 * ends: method, path, status, duration. Errors logged by the API carry the same id.
 */
import type { MiddlewareHandler } from "hono";
import { requestId } from "hono/request-id";
import type { Logger } from "../logger";

export function requestIds(): MiddlewareHandler {
  return requestId({ headerName: "X-Request-Id" });
}

export function requestLog(logger: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    // static files of the web app are not worth a line each
    if (!c.req.path.startsWith("/api/")) return;
    const status = c.res.status;
    const line = {
      reqId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status,
      ms: Math.round(performance.now() - started),
    };
    if (status >= 500) logger.error(line, "request failed");
    else logger.info(line, "request");
  };
}
