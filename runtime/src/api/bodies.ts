/**
 * Request bodies and URLs before any route reads them: a body is read only for a signed-in caller
 * (or the sign-in itself), within its route's size limit, and JSON too deep to validate or strings
 * PostgreSQL cannot store (NUL) are refused as 400 instead of failing deep inside as 500.
 */

import { bodyLimit } from "hono/body-limit";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "./context";
import { ApiException } from "./errors";

export const MB = 1024 * 1024;
/** Deeper JSON than any form or variables need; recursive validation of far deeper input overflows the stack. */
const MAX_JSON_DEPTH = 64;

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * 401 for a request carrying a body without a principal, before a byte of it is read. A job
 * worker's credential counts as signed in under `workerPrefix` (the job API) only.
 */
export function signedInBeforeBody(publicPaths: (string | RegExp)[], workerPrefix: string) {
  const exact = new Set(publicPaths.filter((p) => typeof p === "string"));
  const patterns = publicPaths.filter((p) => p instanceof RegExp);
  const open = { has: (path: string) => exact.has(path) || patterns.some((p) => p.test(path)) };
  return createMiddleware<AppEnv>(async (c, next) => {
    const worker = c.get("worker") !== null && c.req.path.startsWith(workerPrefix);
    if (!SAFE_METHODS.has(c.req.method) && !c.get("principal") && !worker && !open.has(c.req.path)) {
      throw new ApiException(401, "unauthenticated");
    }
    await next();
  });
}

/** 400 for a NUL byte anywhere in the path or query (ids and filters end up in SQL text). */
export function noNulInUrl() {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (/%00|\0/.test(c.req.url)) throw invalid("url", "NUL byte");
    await next();
  });
}

/**
 * The body, at most `maxBytes` (413 once more arrives), and for JSON its shape checked once for
 * every route. Skips a body already read (the upload routes stream theirs).
 */
export function limitedBodies(options: { maxBytes: number }) {
  const limit = bodyLimit({
    maxSize: options.maxBytes,
    onError: () => {
      throw new ApiException(413, "body-too-large", { maxBytes: options.maxBytes });
    },
  });
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.req.raw.body || Object.keys(c.req.bodyCache).length > 0) return next();
    return limit(c, async () => {
      if (/^application\/([\w.-]+\+)?json/i.test(c.req.header("content-type") ?? "")) {
        const text = await c.req.text();
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          throw invalid("", "body must be JSON");
        }
        const problem = jsonProblem(value);
        if (problem) throw invalid(problem.path, problem.message);
      }
      await next();
    });
  });
}

/** What makes a parsed JSON value unacceptable (too deep, a NUL in a string or key), or undefined. */
export function jsonProblem(value: unknown): { path: string; message: string } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 0 }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const v = item.value;
    if (typeof v === "string") {
      if (v.includes("\0")) return { path: item.path, message: "NUL byte" };
      continue;
    }
    if (v === null || typeof v !== "object") continue;
    if (item.depth >= MAX_JSON_DEPTH) return { path: item.path, message: `nested deeper than ${MAX_JSON_DEPTH}` };
    for (const [key, child] of Object.entries(v)) {
      if (key.includes("\0")) return { path: item.path, message: "NUL byte in a key" };
      stack.push({ value: child, path: item.path ? `${item.path}.${key}` : key, depth: item.depth + 1 });
    }
  }
  return undefined;
}

function invalid(path: string, message: string): ApiException {
  return new ApiException(400, "validation-failed", { issues: [{ path, message }] });
}
