import { Writable } from "node:stream";
import { Hono } from "hono";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { requestIds, requestLog } from "./request-log";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { lines, logger: pino({ level: "info" }, stream) };
}

describe("request ids and request log", () => {
  it("gives each API request an id, returns it, and logs one JSON line with it", async () => {
    // given
    const { lines, logger } = capture();
    const app = new Hono();
    app.use("*", requestIds(), requestLog(logger));
    app.get("/api/ping", (c) => c.json({ ok: true }));
    app.get("/api/boom", (c) => c.json({}, 500));
    // when
    const res = await app.request("/api/ping");
    const failed = await app.request("/api/boom", { headers: { "X-Request-Id": "from-proxy" } });
    // then
    const id = res.headers.get("X-Request-Id");
    expect(id).toMatch(/[0-9a-f-]{36}/);
    expect(lines[0]).toMatchObject({ reqId: id, method: "GET", path: "/api/ping", status: 200, msg: "request" });
    expect(failed.headers.get("X-Request-Id")).toBe("from-proxy");
    expect(lines[1]).toMatchObject({ reqId: "from-proxy", status: 500, level: 50 });
  });

  it("does not log static files of the web app", async () => {
    const { lines, logger } = capture();
    const app = new Hono();
    app.use("*", requestIds(), requestLog(logger));
    app.get("/assets/x.js", (c) => c.text("x"));
    await app.request("/assets/x.js");
    expect(lines).toEqual([]);
  });
});
